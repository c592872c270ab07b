import { createRequire } from 'node:module'

/**
 * A CommonJS package loaded on first use rather than at import: `lazyModule<typeof import('x')>('x', import.meta.url)`
 * behaves as the module's namespace, but the package is only read, parsed and run when a
 * property is first read. The X.509 and PKCS#12 libraries take most of core's start-up time,
 * and commands that never parse a certificate (`certs list`, `--help`) should not pay for them.
 */
export function lazyModule<T extends object>(specifier: string, from: string): T {
  const require = createRequire(from)
  let loaded: T | undefined
  const load = (): T => {
    loaded ??= require(specifier) as T
    return loaded
  }
  return new Proxy({} as T, {
    get: (_target, key) => Reflect.get(load(), key),
    has: (_target, key) => Reflect.has(load(), key),
  })
}
