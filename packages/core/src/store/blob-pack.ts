import { randomBytes } from 'node:crypto'
import { open, readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'

const HEADER = 'CERTDECK-PACK 1\n'
const NEWLINE = 0x0a

/**
 * Where the document points into its pack: the file name (in the data dir) and the number of
 * committed bytes. Bytes beyond `size` are an unfinished append of a crashed writer.
 */
export interface PackRef {
  readonly file: string
  readonly size: number
}

/** Thrown when a pack file does not hold what its document says. */
export class PackFormatError extends Error {}

/** A fresh, unused pack file name. */
export function newPackName(): string {
  return `certdeck.${randomBytes(8).toString('hex')}.pack`
}

/** Pack file names in `dir` (any generation). */
export async function listPacks(dir: string): Promise<string[]> {
  const names = await readdir(dir)
  return names.filter((name) => /^certdeck\.[0-9a-f]{16}\.pack$/.test(name))
}

/**
 * Records are `<hash> <byte length> <a|u>\n<content>\n`: `a` marks pure ASCII content (PEM,
 * base64), which is read as a slice of one string decoded for the whole pack, far cheaper
 * than decoding thousands of separate strings; `u` marks other UTF-8 text.
 */
function encode(blobs: Iterable<[string, string]>): Buffer {
  const parts: Buffer[] = []
  for (const [hash, text] of blobs) {
    const body = Buffer.from(text, 'utf8')
    const flag = body.length === text.length ? 'a' : 'u'
    parts.push(Buffer.from(`${hash} ${body.length} ${flag}\n`, 'latin1'), body, Buffer.from('\n', 'latin1'))
  }
  return Buffer.concat(parts)
}

function decode(buffer: Buffer, base: number, into: Map<string, string>): void {
  // One byte per character: string offsets are byte offsets.
  const text = buffer.toString('latin1')
  let at = 0
  while (at < text.length) {
    const space = at + 32
    const flagAt = text.indexOf(' ', space + 1) + 1
    const length = flagAt > 0 ? Number(text.slice(space + 1, flagAt - 1)) : Number.NaN
    const flag = text.charCodeAt(flagAt)
    const start = flagAt + 2
    const end = start + length
    const valid =
      text.charCodeAt(space) === 0x20 && Number.isSafeInteger(length) && (flag === 0x61 || flag === 0x75) &&
      text.charCodeAt(flagAt + 1) === NEWLINE && text.charCodeAt(end) === NEWLINE
    if (!valid) throw new PackFormatError(`malformed record at byte ${base + at}`)
    into.set(text.slice(at, space), flag === 0x61 ? text.slice(start, end) : buffer.toString('utf8', start, end))
    at = end + 1
  }
}

/** Raw bytes of a pack's records from byte `start` on. */
export interface PackBytes {
  readonly buffer: Buffer
  readonly start: number
}

/**
 * Reads the records between byte `from` (0 for the whole file) and `ref.size`. Packs are
 * append-only below every committed size, so a reader that holds the blobs up to `from`
 * only needs the rest.
 */
export async function readPackBytes(dir: string, ref: PackRef, from: number): Promise<PackBytes> {
  const handle = await open(join(dir, ref.file), 'r')
  try {
    const start = Math.max(from, HEADER.length)
    if (from === 0) {
      const head = Buffer.alloc(HEADER.length)
      await handle.read(head, 0, HEADER.length, 0)
      if (head.toString('latin1') !== HEADER) throw new PackFormatError('not a CertDeck pack file')
    }
    const length = Math.max(0, ref.size - start)
    const buffer = Buffer.allocUnsafe(length)
    const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, start) : { bytesRead: 0 }
    if (bytesRead !== length) throw new PackFormatError(`file is shorter than the ${ref.size} bytes its document commits`)
    return { buffer, start }
  } finally {
    await handle.close()
  }
}

/** Adds the records of `bytes` to `into` (hash → text). */
export function decodePack(bytes: PackBytes, into: Map<string, string>): void {
  decode(bytes.buffer, bytes.start, into)
}

/**
 * Appends records after the committed size, first cutting off any unfinished append, and
 * flushes them to disk (the document that references them is written after). Returns the new
 * committed ref. With no `ref`, starts a new pack.
 */
export async function appendPack(dir: string, ref: PackRef | undefined, blobs: Map<string, string>): Promise<PackRef> {
  if (!ref) return writePack(dir, blobs)
  const handle = await open(join(dir, ref.file), 'r+')
  try {
    await handle.truncate(ref.size)
    const data = encode(blobs)
    await handle.write(data, 0, data.length, ref.size)
    await handle.datasync()
    return { file: ref.file, size: ref.size + data.length }
  } finally {
    await handle.close()
  }
}

/** Writes a new pack holding exactly `blobs`, flushed to disk. */
export async function writePack(dir: string, blobs: Iterable<[string, string]>): Promise<PackRef> {
  const file = newPackName()
  const data = Buffer.concat([Buffer.from(HEADER, 'latin1'), encode(blobs)])
  const handle = await open(join(dir, file), 'wx', 0o600)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
  return { file, size: data.length }
}

/** Deletes every pack of `dir` but `keep` (old generations, leftovers of crashed writers). */
export async function removeOtherPacks(dir: string, keep: string | undefined): Promise<void> {
  for (const name of await listPacks(dir)) {
    if (name !== keep) await unlink(join(dir, name)).catch(() => undefined)
  }
}
