import type { CertDeck } from '@certdeck/core'
import { inputError } from './errors.js'
import { authorityTable } from './request-views.js'

/**
 * The private CA of `request private` without `--ca`: the region's only ACTIVE one. None, or
 * several, is `CA_REQUIRED` (exit 2) listing them as `requests authorities` does.
 */
export async function defaultAuthority(
  deck: CertDeck,
  credential: string,
  region: string | undefined,
  check: { readonly allowUnknownRegion?: boolean },
): Promise<string> {
  const authorities = await deck.requests.authorities(credential, region, undefined, check)
  if (authorities.length === 1) return authorities[0].arn
  const where = region ? `region ${region}` : "the credential's default region"
  if (authorities.length === 0) {
    throw inputError(
      'CA_REQUIRED',
      `No ACTIVE private CA in ${where} of credential ${credential}. Create or activate one in ACM Private CA, ` +
        'or name another region with --region.',
    )
  }
  throw inputError(
    'CA_REQUIRED',
    `${authorities.length} ACTIVE private CAs in ${where}; choose one with --ca ARN:\n${authorityTable(authorities)}`,
  )
}
