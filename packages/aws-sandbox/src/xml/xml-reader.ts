/**
 * Reads the small XML request bodies of REST-XML services (Route 53) into plain objects, with
 * helpers that tolerate the one-vs-many ambiguity of XML-to-object conversion.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser'

/** An element's value: its text, its children, or several same-named siblings. */
export type XmlValue = string | XmlObject | XmlValue[]
/** An element's children by name. */
export interface XmlObject {
  readonly [name: string]: XmlValue
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  htmlEntities: false,
})

/** Thrown for a body that is not well-formed XML of the expected root; the message says why. */
export class XmlReadError extends Error {}

/**
 * Parses `body` and returns the children of its root element, which must be named `rootName`.
 * Document type declarations are refused outright: no entity expansion is ever attempted.
 */
export function readXmlRoot(body: Buffer | string, rootName: string): XmlObject {
  const text = typeof body === 'string' ? body : body.toString('utf8')
  if (/<!DOCTYPE/i.test(text)) throw new XmlReadError('Document type declarations are not accepted')
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new XmlReadError(`Invalid XML: ${valid.err.msg} (line ${valid.err.line})`)
  let doc: Record<string, unknown>
  try {
    doc = parser.parse(text) as Record<string, unknown>
  } catch (error) {
    throw new XmlReadError(`Invalid XML: ${(error as Error).message}`)
  }
  const roots = Object.keys(doc)
  if (roots.length !== 1 || roots[0] !== rootName) {
    throw new XmlReadError(`Expected root element ${rootName}, found ${roots.join(', ') || 'none'}`)
  }
  const root = doc[rootName]
  return isObject(root) ? root : {}
}

function isObject(value: unknown): value is XmlObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** All values of child `name` (none, one or many siblings). */
export function xmlAll(parent: XmlObject | undefined, name: string): XmlValue[] {
  if (!parent || !Object.hasOwn(parent, name)) return []
  const value = parent[name]
  return Array.isArray(value) ? value : [value]
}

/** The single child element `name` as an object, or undefined. Text-only children count as empty. */
export function xmlChild(parent: XmlObject | undefined, name: string): XmlObject | undefined {
  const [first] = xmlAll(parent, name)
  if (first === undefined) return undefined
  return isObject(first) ? first : {}
}

/** Child elements `name` as objects. */
export function xmlChildren(parent: XmlObject | undefined, name: string): XmlObject[] {
  return xmlAll(parent, name).map((value) => (isObject(value) ? value : {}))
}

/** The text of child `name`, or undefined when absent. An element with children has no text. */
export function xmlText(parent: XmlObject | undefined, name: string): string | undefined {
  const [first] = xmlAll(parent, name)
  return typeof first === 'string' ? first : first === undefined ? undefined : ''
}
