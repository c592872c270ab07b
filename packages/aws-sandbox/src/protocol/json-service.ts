import { randomUUID } from 'node:crypto'
import { SandboxError, type SandboxRequest, type SandboxResponse, type ServiceHandler } from '../types.js'

/** One JSON 1.1 operation: takes the parsed request body, returns the response body. */
export type JsonOperation = (input: Record<string, unknown>, request: SandboxRequest) => unknown | Promise<unknown>

/** A JSON 1.1 service (`X-Amz-Target: <prefix>.<Operation>`), such as ACM and ACM-PCA. */
export function createJsonService(definition: {
  /** SigV4 signing name. */
  readonly service: string
  /** The X-Amz-Target prefix, e.g. `CertificateManager`. */
  readonly targetPrefix: string
  /** Human name used in error messages, e.g. `ACM`. */
  readonly displayName: string
  readonly operations: Readonly<Record<string, JsonOperation>>
}): ServiceHandler {
  const { service, targetPrefix, displayName, operations } = definition
  return {
    service,
    operationOf(request) {
      const target = request.headers['x-amz-target']
      if (!target) return undefined
      const dot = target.lastIndexOf('.')
      return target.slice(0, dot) === targetPrefix ? target.slice(dot + 1) : undefined
    },
    async handle(operation, request) {
      const run = Object.hasOwn(operations, operation) ? operations[operation] : undefined
      if (!run) {
        throw new SandboxError(
          'UnknownOperationException',
          `The CertDeck AWS sandbox does not implement ${displayName} operation ${operation}. Implemented: ` +
            `${Object.keys(operations).join(', ')}.`,
        )
      }
      let input: Record<string, unknown>
      try {
        const text = request.body.toString('utf8')
        input = text.trim() ? (JSON.parse(text) as Record<string, unknown>) : {}
      } catch {
        throw new SandboxError('SerializationException', 'The request body is not valid JSON.')
      }
      const output = await run(input, request)
      return json(200, output ?? {})
    },
    renderError(error) {
      return {
        ...json(error.status, { __type: error.code, message: error.message }),
        headers: { ...jsonHeaders(), 'x-amzn-ErrorType': error.code },
      }
    },
  }
}

function jsonHeaders(): Record<string, string> {
  return { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-RequestId': randomUUID() }
}

function json(status: number, body: unknown): SandboxResponse {
  return { status, headers: jsonHeaders(), body: JSON.stringify(body) }
}

/** Milliseconds since the epoch as a JSON-protocol timestamp (epoch seconds). */
export const epoch = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000)
