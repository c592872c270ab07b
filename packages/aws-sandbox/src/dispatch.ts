import type { IncomingMessage, ServerResponse } from 'node:http'
import { randomUUID } from 'node:crypto'
import { accountFor, type SandboxAccount } from './accounts.js'
import { decideFaults, drawLatency, type FaultOptions, type FaultRule } from './faults.js'
import { throttlingCode, type QuotaLimiter } from './quotas.js'
import type { Prng } from './random.js'
import { parseCredentialScope } from './sigv4.js'
import type { CallCounter } from './stats.js'
import { SandboxError, type SandboxRequest, type SandboxResponse, type ServiceHandler } from './types.js'

/** What the dispatcher needs; `faults` and `latencyMs` are read on every call so control can change them. */
export interface DispatchContext {
  readonly services: ReadonlyMap<string, ServiceHandler>
  readonly accounts: readonly SandboxAccount[]
  readonly limiter: QuotaLimiter
  readonly counter: CallCounter
  readonly prng: Prng
  faults: FaultOptions
  latencyMs: FaultRule['latencyMs']
  /** Called after a call that may have changed state (not List/Get/Describe). */
  onWrite?: () => void
}

const READ_ONLY = /^(List|Get|Describe)/

/** Answers one HTTP request the way the AWS endpoint for its SigV4 service would. */
export async function dispatch(context: DispatchContext, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  const headers = req.headers as Record<string, string | undefined>
  const scope = parseCredentialScope(headers.authorization, url.searchParams)
  if (!scope) {
    return send(
      res,
      genericError(
        headers,
        'MissingAuthenticationTokenException',
        'The request is not signed with AWS Signature Version 4; any access key works here, but the ' +
          'Authorization header must carry a credential scope.',
        403,
      ),
    )
  }
  const handler = context.services.get(scope.service)
  if (!handler) {
    return send(
      res,
      genericError(
        headers,
        'UnknownServiceException',
        `The CertDeck AWS sandbox does not emulate service '${scope.service}'. It answers: ` +
          `${[...context.services.keys()].join(', ')}.`,
        400,
      ),
    )
  }
  const request: SandboxRequest = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers,
    body: Buffer.concat(chunks),
    service: scope.service,
    region: scope.region,
    accountId: accountFor(context.accounts, scope.accessKeyId),
  }
  const down = context.faults.regionsDown?.[request.region]
  if (down === 'connection') {
    req.socket.destroy()
    return
  }
  if (down === 'hang') return
  const operation = handler.operationOf(request)
  if (!operation) {
    return send(
      res,
      handler.renderError(
        new SandboxError(
          'UnknownOperationException',
          `The CertDeck AWS sandbox cannot tell which ${scope.service} operation ${request.method} ${request.path} is.`,
        ),
        request,
      ),
    )
  }
  const row = context.counter.row(request.accountId, request.region, request.service, operation)
  row.attempts++
  const fault = decideFaults(
    context.faults,
    { service: request.service, region: request.region, operation },
    context.prng,
  )
  const delay = fault.delayMs + drawLatency(context.latencyMs, context.prng)
  if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay))
  let response: SandboxResponse
  let reachedService = false
  try {
    if (down === 'unavailable')
      throw new SandboxError('ServiceUnavailable', `Region ${request.region} is down in this sandbox.`, 503)
    if (fault.error) {
      row.faulted++
      throw injected(fault.error, request.service)
    }
    if (!context.limiter.take(request.accountId, request.region, request.service, operation)) {
      row.throttled++
      throw new SandboxError(throttlingCode(request.service), 'Rate exceeded', 400)
    }
    reachedService = true
    response = await handler.handle(operation, request)
    if (!READ_ONLY.test(operation)) context.onWrite?.()
  } catch (error) {
    const sandboxError =
      error instanceof SandboxError
        ? error
        : new SandboxError(
            'InternalFailure',
            `The sandbox failed on ${operation}: ${(error as Error)?.message ?? error}`,
            500,
          )
    if (reachedService) row.errors++
    response = handler.renderError(sandboxError, request)
  }
  send(res, response)
}

function injected(kind: 'InternalFailure' | 'ServiceUnavailable' | 'Throttling', service: string): SandboxError {
  if (kind === 'Throttling') return new SandboxError(throttlingCode(service), 'Rate exceeded (injected fault)', 400)
  if (kind === 'ServiceUnavailable')
    return new SandboxError('ServiceUnavailable', 'Service unavailable (injected fault)', 503)
  return new SandboxError('InternalFailure', 'Internal failure (injected fault)', 500)
}

function genericError(
  headers: Record<string, string | undefined>,
  code: string,
  message: string,
  status: number,
): SandboxResponse {
  const requestId = randomUUID()
  if (headers['content-type']?.includes('json')) {
    return {
      status,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-RequestId': requestId,
        'x-amzn-ErrorType': code,
      },
      body: JSON.stringify({ __type: code, message }),
    }
  }
  const escaped = message.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return {
    status,
    headers: { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId },
    body:
      `<?xml version="1.0" ` +
      `encoding="UTF-8"?>\n<ErrorResponse><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${escaped}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  }
}

function send(res: ServerResponse, response: SandboxResponse): void {
  const body = response.body ?? ''
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}
