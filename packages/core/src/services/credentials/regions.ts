import { CertDeckError } from '../../errors.js'
import { isRegionName } from './credential-rules.js'

/** Options of the region checks. */
export interface RegionCheckOptions {
  /** Accept a well-spelled region the provider does not list yet (one newer than this build). @default false */
  readonly allowUnknownRegion?: boolean
}

/**
 * Checks one region name: its spelling (`REGION`), then that `known` — the cloud provider's
 * region list (`CloudProvider.regions`) — holds it (`REGION_UNKNOWN`, listing the valid ones),
 * unless `allowUnknownRegion`. An empty `known` checks the spelling only. Returns the name.
 * Every command and facade call that takes a region uses this one rule.
 */
export function checkRegion(region: string, known: readonly string[], options: RegionCheckOptions = {}): string {
  if (!isRegionName(region)) {
    throw new CertDeckError(
      'REGION',
      `"${region}" is not an AWS region name. Give names like us-east-1,eu-west-1, or all.`,
    )
  }
  if (known.length > 0 && !known.includes(region) && !options.allowUnknownRegion) {
    throw new CertDeckError(
      'REGION_UNKNOWN',
      `"${region}" is not a region this CertDeck knows. Valid regions: ${known.join(', ')}. ` +
        'For a region newer than this build, add --allow-unknown-region (option allowUnknownRegion).',
    )
  }
  return region
}

/**
 * The regions a command acts on: those asked for (`all` meaning every region the provider
 * knows), else `defaults`. Each is checked by {@link checkRegion} against `all`; duplicates are
 * dropped, order kept.
 */
export function regionsOf(
  requested: readonly string[] | undefined,
  defaults: readonly string[],
  all: readonly string[] = defaults,
  options: RegionCheckOptions = {},
): string[] {
  const names = !requested || requested.length === 0 ? defaults : requested.includes('all') ? all : requested
  for (const name of names) checkRegion(name, all, options)
  if (names.length === 0) {
    throw new CertDeckError(
      'REGION',
      'No region to act on: name regions (e.g. us-east-1) or set "regions" in config.json.',
    )
  }
  return [...new Set(names)]
}
