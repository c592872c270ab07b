/**
 * A tiny XML writer for the Query and REST-XML responses. Text is always escaped; markup only
 * comes from {@link element}, so a value can never inject elements into a response.
 */

/** Already-rendered, well-formed XML. Only this module creates it. */
export class XmlFragment {
  private constructor(readonly xml: string) {}

  /** The empty fragment (what an absent optional element renders to). */
  static readonly empty = new XmlFragment('')

  /** @internal */
  static trusted(xml: string): XmlFragment {
    return new XmlFragment(xml)
  }
}

/** What an element may contain: a scalar (escaped) or child fragments (absent ones skipped). */
export type XmlContent = string | number | boolean | XmlFragment | readonly (XmlFragment | undefined)[]

// XML 1.0 cannot carry these code points even as character references.
const FORBIDDEN = new RegExp(
  String.raw`[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|` +
    String.raw`[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]`,
  'g',
)

/** Escapes text for element content or a double-quoted attribute value. */
export function escapeXml(text: string): string {
  return text
    .replace(FORBIDDEN, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r/g, '&#13;')
}

const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/

/**
 * `<name attr="…">content</name>`. `undefined` content renders nothing at all, so optional
 * response members can be passed straight through.
 */
export function element(
  name: string,
  content: XmlContent | undefined,
  attributes: Readonly<Record<string, string>> = {},
): XmlFragment {
  if (!NAME.test(name)) throw new Error(`Invalid XML element name: ${JSON.stringify(name)}`)
  if (content === undefined) return XmlFragment.empty
  let attrs = ''
  for (const [key, value] of Object.entries(attributes)) {
    if (!NAME.test(key)) throw new Error(`Invalid XML attribute name: ${JSON.stringify(key)}`)
    attrs += ` ${key}="${escapeXml(value)}"`
  }
  let inner: string
  if (content instanceof XmlFragment) inner = content.xml
  else if (Array.isArray(content)) inner = content.map((child) => child?.xml ?? '').join('')
  else inner = escapeXml(String(content))
  return XmlFragment.trusted(`<${name}${attrs}>${inner}</${name}>`)
}

/** A whole document: the XML declaration followed by `root`. */
export function xmlDocument(root: XmlFragment): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.xml}`
}

/** An ISO 8601 timestamp as the SDK's `date-time` members expect, from ms since the epoch. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString()
}
