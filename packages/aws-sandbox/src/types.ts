/** One HTTP request as the sandbox router hands it to a service, after SigV4 scope parsing. */
export interface SandboxRequest {
  readonly method: string
  /** Path without the query string, e.g. `/2013-04-01/hostedzone`. */
  readonly path: string
  readonly query: URLSearchParams
  readonly headers: Readonly<Record<string, string | undefined>>
  readonly body: Buffer
  /** Signing name from the SigV4 credential scope: `acm`, `acm-pca`, `iam`, `route53`. */
  readonly service: string
  /** Region from the SigV4 credential scope (`us-east-1` for IAM and Route 53). */
  readonly region: string
  /** Account the access key maps to (see `SandboxOptions.accounts`). */
  readonly accountId: string
}

/** What a service answers. */
export interface SandboxResponse {
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

/**
 * An AWS-style error a service throws; the service's `renderError` turns it into its protocol's
 * error shape so the SDK raises the typed exception named by `code`.
 */
export class SandboxError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message)
    this.name = code
  }
}

/** One emulated AWS service. */
export interface ServiceHandler {
  /** The SigV4 signing name it answers. */
  readonly service: string
  /** The operation a request names (X-Amz-Target suffix, `Action=` or REST route), or undefined. */
  operationOf(request: SandboxRequest): string | undefined
  /** Answers one operation; throws {@link SandboxError} for AWS errors. */
  handle(operation: string, request: SandboxRequest): Promise<SandboxResponse> | SandboxResponse
  /** Renders an error in the protocol's shape (JSON `__type`, Query XML `<ErrorResponse>`, REST XML). */
  renderError(error: SandboxError, request: SandboxRequest): SandboxResponse
}
