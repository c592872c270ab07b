import { generateKeyPairSync } from 'node:crypto'
import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { JsonlAuditLog } from './jsonl-audit-log.js'

let dir: string
let path: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'certdeck-audit-'))
  path = join(dir, 'audit.jsonl')
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const fixed = { now: () => new Date('2025-03-04T05:06:07.000Z') }

describe('JsonlAuditLog', () => {
  it('appends events with id, time and actor to a 0600 file and lists them oldest first', async () => {
    const log = new JsonlAuditLog(path, fixed, 'alice')
    const first = await log.append({ action: 'certificate.import', target: 'c1', outcome: 'ok' })
    await log.append({ action: 'certificate.delete', target: 'c2', outcome: 'failed', detail: 'not found' })
    expect(first).toMatchObject({ actor: 'alice', at: '2025-03-04T05:06:07.000Z', action: 'certificate.import' })
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/)
    expect((await stat(path)).mode & 0o777).toBe(0o600)
    expect((await log.list()).map((e) => e.target)).toEqual(['c1', 'c2'])
    expect((await log.list({ limit: 1 })).map((e) => e.target)).toEqual(['c2'])
  })

  it('keeps every line when many appends race, and skips a torn last line', async () => {
    const logs = [new JsonlAuditLog(path, fixed, 'a'), new JsonlAuditLog(path, fixed, 'b')]
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => logs[i % 2].append({ action: 'x', target: `t${i}`, outcome: 'ok' })),
    )
    await appendFile(path, '{"id":"torn","act')
    const targets = (await logs[0].list()).map((e) => e.target).sort()
    expect(targets).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`).sort())
  })

  it('refuses an event carrying a PEM private key or a sealed secret and writes nothing', async () => {
    const log = new JsonlAuditLog(path, fixed, 'alice')
    const pem = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({
      type: 'sec1',
      format: 'pem',
    }) as string
    const sealed = { sealed: 'aes-256-gcm', iv: 'aXY=', tag: 'dGFn', data: 'ZGF0YQ==' }
    const bad = [
      { action: 'x', outcome: 'ok' as const, detail: pem },
      { action: 'x', outcome: 'ok' as const, detail: `key ${JSON.stringify(sealed)}` },
      { action: 'x', outcome: 'ok' as const, target: JSON.stringify(JSON.stringify(sealed)) },
      { action: 'x', outcome: 'ok' as const, detail: sealed as unknown as string },
    ]
    for (const event of bad) {
      const error = await log.append(event).catch((e: unknown) => e)
      expect(error).toMatchObject({ code: 'AUDIT_SECRET_REFUSED' })
      expect((error as Error).message).not.toContain('BEGIN')
    }
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' })
  })
})
