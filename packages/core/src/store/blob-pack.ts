import { createHash, randomBytes } from 'node:crypto'
import { open, readdir, unlink } from 'node:fs/promises'
import { join } from 'node:path'

const HEADER = 'CERTDECK-PACK 1\n'
const NEWLINE = 0x0a

/**
 * Where the document points into its pack: the file name (in the data dir) and the number of
 * committed bytes. Bytes beyond `size` are an unfinished append of a crashed writer, or of a
 * writer that lost its lock: never read, never written over.
 */
export interface PackRef {
  readonly file: string
  readonly size: number
}

/** Thrown when a pack file does not hold what its document says. */
export class PackFormatError extends Error {
  constructor(
    message: string,
    /** The pack file's name in the data dir. */
    readonly file?: string,
  ) {
    super(message)
  }
}

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
 * than decoding thousands of separate strings; `u` marks other UTF-8 text. The hash is the
 * content's SHA-256 digest (see `blobHash`), checked at every read.
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

function decode(buffer: Buffer, base: number, into: Map<string, string>, file: string): void {
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
      text.charCodeAt(space) === 0x20 &&
      Number.isSafeInteger(length) &&
      (flag === 0x61 || flag === 0x75) &&
      text.charCodeAt(flagAt + 1) === NEWLINE &&
      text.charCodeAt(end) === NEWLINE
    if (!valid) throw new PackFormatError(`malformed record at byte ${base + at}`, file)
    const hash = text.slice(at, space)
    if (createHash('sha256').update(buffer.subarray(start, end)).digest('hex').slice(0, 32) !== hash) {
      throw new PackFormatError(`the blob at byte ${base + at} does not match its SHA-256 digest`, file)
    }
    into.set(hash, flag === 0x61 ? text.slice(start, end) : buffer.toString('utf8', start, end))
    at = end + 1
  }
}

/** Raw bytes of a pack's records from byte `start` on. */
export interface PackBytes {
  /** The pack file's name. */
  readonly file: string
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
      if (head.toString('latin1') !== HEADER) throw new PackFormatError('not a CertDeck pack file', ref.file)
    }
    const length = Math.max(0, ref.size - start)
    const buffer = Buffer.allocUnsafe(length)
    const { bytesRead } = length > 0 ? await handle.read(buffer, 0, length, start) : { bytesRead: 0 }
    if (bytesRead !== length)
      throw new PackFormatError(`file is shorter than the ${ref.size} bytes its document commits`, ref.file)
    return { file: ref.file, buffer, start }
  } finally {
    await handle.close()
  }
}

/** Adds the records of `bytes` to `into` (hash → text), checking each against its digest. */
export function decodePack(bytes: PackBytes, into: Map<string, string>): void {
  decode(bytes.buffer, bytes.start, into, bytes.file)
}

/**
 * Appends records to the pack and flushes them to disk (the document that references them is
 * written after). Returns the new committed ref, or undefined when the records did not land
 * right at the committed end (bytes of a crashed writer, or of a writer that lost its lock,
 * are there): the caller then writes a new pack. Nothing is ever truncated or written over:
 * the file is opened for appending only, so bytes another writer committed stay intact.
 * With no `ref`, starts a new pack.
 */
export async function appendPack(
  dir: string,
  ref: PackRef | undefined,
  blobs: Map<string, string>,
): Promise<PackRef | undefined> {
  if (!ref) return writePack(dir, blobs)
  const handle = await open(join(dir, ref.file), 'a')
  try {
    // Cheap precheck: with a tail of foreign bytes, appending is pointless.
    if ((await handle.stat()).size !== ref.size) return undefined
    const data = encode(blobs)
    const { bytesWritten } = await handle.write(data, 0, data.length, null)
    await handle.datasync()
    // The file only ever grows, so this size proves nothing was appended before or among our bytes.
    const size = (await handle.stat()).size
    return bytesWritten === data.length && size === ref.size + data.length ? { file: ref.file, size } : undefined
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

/** Deletes every pack of `dir` but `keep` (old generations, leftovers of crashed writers); returns their names. */
export async function removeOtherPacks(dir: string, keep: string | undefined): Promise<string[]> {
  const removed: string[] = []
  for (const name of await listPacks(dir)) {
    if (
      name !== keep &&
      (await unlink(join(dir, name)).then(
        () => true,
        () => false,
      ))
    )
      removed.push(name)
  }
  return removed
}

/** Deletes one pack file, if it is there. */
export async function removePack(dir: string, file: string): Promise<void> {
  await unlink(join(dir, file)).catch(() => undefined)
}
