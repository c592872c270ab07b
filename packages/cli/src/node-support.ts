/** The oldest Node CertDeck runs on: the oldest line the AWS SDK (from 2027), pnpm 11 and Ink 7 support. */
export const MINIMUM_NODE = '22.13.0'

/**
 * The one-line refusal for a Node older than {@link MINIMUM_NODE} (`version` as in
 * `process.versions.node`, e.g. `20.20.2`), or undefined when it is recent enough.
 */
export function unsupportedNodeMessage(version: string): string | undefined {
  const [major = 0, minor = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0)
  if (major > 22 || (major === 22 && minor >= 13)) return undefined
  return (
    `certdeck needs Node 22.13 or later; this is Node ${version}. Install Node 24 LTS (\`nvm install 24\`, ` +
    'https://nodejs.org, or `npm i -g --prefix DIR node@24` with DIR/bin first on PATH) and run it again.'
  )
}
