import { Readable, Transform } from 'node:stream'
import { CertDeckError } from '../errors.js'

/** The largest answer CertDeck reads from a cloud endpoint: 32 MiB (a full ListCertificates page is ~1 MiB). */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024

/** What {@link boundedHttpHandler} needs of an HTTP handler (the shape of the AWS SDK's). */
export interface HttpHandlerLike {
  handle(
    request: never,
    options?: { readonly abortSignal?: AbortSignal } & Record<string, unknown>,
  ): Promise<{ response: { body?: unknown; headers?: Record<string, string | undefined> } }>
}

/** Options of {@link boundedHttpHandler}. */
export interface HttpBounds {
  /** Longest an attempt may take, from sending the request to the last byte of the answer. */
  readonly attemptMs: number
  /** Largest answer body, in bytes. @default MAX_RESPONSE_BYTES */
  readonly maxResponseBytes?: number
}

// `$metadata` keeps the SDK from appending its "Deserialization error" hint to the message.
const timeoutError = (ms: number) =>
  Object.assign(new Error(`the endpoint did not send its whole answer within ${ms} ms`), {
    name: 'TimeoutError',
    $metadata: {},
  })
const tooLargeError = (max: number, host: string) =>
  Object.assign(
    new CertDeckError(
      'AWS_RESPONSE_TOO_LARGE',
      `The answer of ${host} is larger than ${max} bytes, far more than any AWS answer CertDeck asks for; it was ` +
        "cut off. Check the endpoint in use (the credential's endpoint override, AWS_ENDPOINT_URL, a proxy).",
      { kind: 'failure' },
    ),
    { $metadata: {} },
  )

/**
 * Wraps an HTTP handler so that each attempt ends by a deadline whatever the endpoint does (the
 * SDK's own `requestTimeout` is an idle time-out, which an endpoint trickling a byte now and then
 * never trips), and an answer larger than the bound is cut off. The deadline covers the body,
 * which the SDK reads after the handler returned. A time-out fails as a `TimeoutError` (which
 * the SDK retries as a new attempt with a deadline of its own); everything else of the handler
 * (its configuration, `destroy`) is the wrapped one's.
 */
export function boundedHttpHandler<H extends HttpHandlerLike>(inner: H, bounds: HttpBounds): H {
  const max = bounds.maxResponseBytes ?? MAX_RESPONSE_BYTES
  const handle: HttpHandlerLike['handle'] = async (request, options = {}) => {
    const host = (request as { hostname?: string }).hostname ?? 'the endpoint'
    const deadline = new AbortController()
    const timer = setTimeout(() => deadline.abort(timeoutError(bounds.attemptMs)), bounds.attemptMs)
    const signal = options.abortSignal ? AbortSignal.any([options.abortSignal, deadline.signal]) : deadline.signal
    let result: Awaited<ReturnType<HttpHandlerLike['handle']>>
    try {
      result = await inner.handle(request, { ...options, abortSignal: signal })
    } catch (error) {
      clearTimeout(timer)
      throw deadline.signal.aborted && !options.abortSignal?.aborted ? deadline.signal.reason : error
    }
    const { response } = result
    const body = response.body
    const declared = Number(response.headers?.['content-length'] ?? response.headers?.['Content-Length'])
    if (declared > max) {
      clearTimeout(timer)
      if (body instanceof Readable) body.destroy()
      throw tooLargeError(max, host)
    }
    if (!(body instanceof Readable)) {
      clearTimeout(timer)
      return result
    }
    let bytes = 0
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        bytes += chunk.length
        done(bytes > max ? tooLargeError(max, host) : null, chunk)
      },
    })
    const stop = () => counted.destroy(deadline.signal.reason as Error)
    deadline.signal.addEventListener('abort', stop, { once: true })
    const settle = () => {
      clearTimeout(timer)
      deadline.signal.removeEventListener('abort', stop)
    }
    counted.once('end', settle).once('close', settle)
    body.once('error', (error) => counted.destroy(error))
    counted.once('error', () => body.destroy())
    body.pipe(counted)
    response.body = counted
    return result
  }
  return new Proxy(inner, {
    get: (target, key) => {
      if (key === 'handle') return handle
      const value = Reflect.get(target, key, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
