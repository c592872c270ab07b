import { CertDeckError } from '../errors.js'
import { isRegionName } from './credential-rules.js'

/**
 * The regions a command acts on: those asked for (`all` meaning every region the provider
 * knows), else `defaults`. Names are checked and de-duplicated, order kept.
 */
export function regionsOf(requested: readonly string[] | undefined, defaults: readonly string[], all: readonly string[] = defaults): string[] {
  const names = !requested || requested.length === 0 ? defaults : requested.includes('all') ? all : requested
  for (const name of names) {
    if (!isRegionName(name)) {
      throw new CertDeckError('REGION', `"${name}" is not an AWS region name. Give names like us-east-1,eu-west-1, or all.`)
    }
  }
  if (names.length === 0) {
    throw new CertDeckError('REGION', 'No region to act on: name regions (e.g. us-east-1) or set "regions" in config.json.')
  }
  return [...new Set(names)]
}
