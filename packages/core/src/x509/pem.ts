import { CertDeckError } from '../errors.js'

/** One `-----BEGIN X-----` … `-----END X-----` block of a PEM file. */
export interface PemBlock {
  /** The label, e.g. `CERTIFICATE`, `RSA PRIVATE KEY`. */
  readonly label: string
  /** RFC 1421 headers (`Proc-Type`, `DEK-Info`) of legacy encrypted keys; empty otherwise. */
  readonly headers: Readonly<Record<string, string>>
  /** The decoded body. */
  readonly der: Buffer
  /** The block re-wrapped canonically (64-column base64, headers kept), ending in a newline. */
  readonly text: string
  /** 1-based line of the BEGIN line, for messages. */
  readonly line: number
}

const BEGIN = /^-----BEGIN ([A-Z0-9 ]+)-----$/
const END = /^-----END ([A-Z0-9 ]+)-----$/
const BASE64_LINE = /^[A-Za-z0-9+/]*={0,2}$/

/** True when `data` looks like PEM text (holds a BEGIN line). */
export function looksLikePem(data: Uint8Array): boolean {
  return Buffer.from(data).toString('latin1').includes('-----BEGIN ')
}

/**
 * Splits PEM text into its blocks. Text outside blocks (comments, OpenSSL's "Bag Attributes")
 * is ignored; a block without its END line, an END without its BEGIN and a body that is not
 * base64 are `PEM_TRUNCATED` errors naming `fileName` and the line.
 */
export function splitPem(text: string, fileName: string): PemBlock[] {
  const lines = text.split(/\r?\n/).map((line) => line.trim())
  const blocks: PemBlock[] = []
  let open: { label: string; line: number; body: string[] } | undefined
  lines.forEach((line, index) => {
    const begin = BEGIN.exec(line)
    const end = END.exec(line)
    if (begin) {
      if (open) throw missingEnd(fileName, open.label, open.line)
      open = { label: begin[1], line: index + 1, body: [] }
    } else if (end) {
      if (!open || open.label !== end[1]) {
        throw new CertDeckError(
          'PEM_TRUNCATED',
          `${fileName}: line ${index + 1} ends a '${end[1]}' block that never began; the file looks cut ` +
            `short at the start. Give the whole block, from its BEGIN line to its END line.`,
        )
      }
      blocks.push(decodeBlock(open.label, open.line, open.body, fileName))
      open = undefined
    } else if (open) {
      open.body.push(line)
    }
  })
  if (open) throw missingEnd(fileName, open.label, open.line)
  return blocks
}

/** Wraps DER in a PEM block with the given label. */
export function toPem(label: string, der: Uint8Array): string {
  const b64 = Buffer.from(der).toString('base64')
  const lines = b64.match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

function decodeBlock(label: string, line: number, body: string[], fileName: string): PemBlock {
  const headers: Record<string, string> = {}
  let rest = body
  // RFC 1421 headers come first and end with a blank line.
  if (body.length > 0 && /^[A-Za-z-]+:/.test(body[0])) {
    const blank = body.indexOf('')
    const headerLines = blank === -1 ? [] : body.slice(0, blank)
    for (const headerLine of headerLines) {
      const colon = headerLine.indexOf(':')
      headers[headerLine.slice(0, colon).trim()] = headerLine.slice(colon + 1).trim()
    }
    rest = blank === -1 ? body : body.slice(blank + 1)
  }
  const base64 = rest.filter((l) => l !== '')
  const joined = base64.join('')
  if (!base64.every((l) => BASE64_LINE.test(l)) || joined.length === 0 || joined.length % 4 !== 0) {
    throw new CertDeckError(
      'PEM_TRUNCATED',
      `${fileName}: the '${label}' block at line ${line} is not valid base64 (damaged or cut short). ` +
        `Export the file again or copy the whole block unchanged.`,
    )
  }
  const der = Buffer.from(joined, 'base64')
  const headerText = Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('')
  const wrapped = toPem(label, der)
  const text = headerText ? wrapped.replace('-----\n', `-----\n${headerText}\n`) : wrapped
  return { label, headers, der, text, line }
}

function missingEnd(fileName: string, label: string, line: number): CertDeckError {
  return new CertDeckError(
    'PEM_TRUNCATED',
    `${fileName}: the '${label}' block that begins at line ${line} has no -----END ${label}----- line; the ` +
      `file looks cut short. Give the whole block.`,
  )
}
