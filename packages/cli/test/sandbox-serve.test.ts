import { spawn } from 'node:child_process'
import { ACMClient, ListCertificatesCommand } from '@aws-sdk/client-acm'
import { describe, expect, it } from 'vitest'
import { BIN, requireBuiltBin } from './cli-harness.js'

describe('certdeck sandbox serve', () => {
  it('serves the seeded sandbox on loopback until SIGTERM, then exits 0', async () => {
    requireBuiltBin()
    const child = spawn(process.execPath, [BIN, 'sandbox', 'serve', '--port', '0', '--seed', 'demo'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve))
    const endpoint = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', () => {
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout)
        if (match) resolve(match[1])
      })
      child.once('exit', (code) => reject(new Error(`exited ${code} before serving:\n${stdout}`)))
    })

    const acm = new ACMClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'sandbox' },
    })
    const listed = await acm.send(
      new ListCertificatesCommand({ Includes: { keyTypes: ['RSA_2048', 'EC_prime256v1', 'EC_secp384r1'] } }),
    )
    expect(listed.CertificateSummaryList?.length).toBeGreaterThan(0)

    child.kill('SIGTERM')
    expect(await exited).toBe(0)
  })

  it('refuses a port that is not one, with exit 2', async () => {
    requireBuiltBin()
    const child = spawn(process.execPath, [BIN, 'sandbox', 'serve', '--port', '70000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
    expect(code).toBe(2)
    expect(stderr).toContain("'70000' is not a port")
  })
})
