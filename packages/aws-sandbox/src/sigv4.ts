/** What the SigV4 `Authorization` header's credential scope says. */
export interface CredentialScope {
  readonly accessKeyId: string
  readonly date: string
  readonly region: string
  readonly service: string
}

/**
 * Parses `AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/acm/aws4_request, …` (or the
 * presigned `X-Amz-Credential` query parameter). The signature is not verified: any key works.
 */
export function parseCredentialScope(
  authorization: string | undefined,
  query?: URLSearchParams,
): CredentialScope | undefined {
  const credential = authorization?.match(/Credential=([^,\s]+)/)?.[1] ?? query?.get('X-Amz-Credential') ?? undefined
  if (!credential) return undefined
  const [accessKeyId, date, region, service, terminator] = credential.split('/')
  if (!accessKeyId || !region || !service || terminator !== 'aws4_request') return undefined
  return { accessKeyId, date, region, service }
}
