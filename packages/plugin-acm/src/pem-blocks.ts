const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g

/** The certificate blocks of a PEM text, in order, each ending in a newline. */
export function certificateBlocks(text: string | undefined): string[] {
  return (text?.match(CERTIFICATE_BLOCK) ?? []).map((block) => `${block.trim()}\n`)
}
