import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSandbox } from '@certdeck/aws-sandbox'
import { initCertDeck, openCertDeck, type CertDeck } from '@certdeck/core'
import acm from '@certdeck/plugin-acm'
import route53 from '@certdeck/plugin-route53'

/** A throwaway repository wired to an embedded AWS sandbox (`certdeck --sandbox`). */
export interface SandboxDeck {
  readonly deck: CertDeck
  /** The sandbox's loopback endpoint. */
  readonly endpoint: string
  /** Stops the sandbox and deletes the temporary data dir. */
  close(): Promise<void>
}

/** The name of the ready credential pointing at the sandbox. */
export const SANDBOX_CREDENTIAL = 'sandbox'

/** The name of the ready Route 53 DNS provider of the sandbox's zones. */
export const SANDBOX_DNS_PROVIDER = 'sandbox-route53'

/**
 * Starts the sandbox with its demo data on 127.0.0.1, creates a repository in a new temporary
 * directory under a generated passphrase that is never shown, adds a static credential whose
 * endpoint is the sandbox (the sandbox takes any keys), a Route 53 DNS provider on the sandbox's
 * zones (its demo seed has a public example.com zone and a Private CA per region), and two demo
 * certificates with keys, so every screen has something to show and deploy. The directory is
 * removed by `close()`, or at process exit if `close()` never ran.
 */
export async function openSandboxDeck(): Promise<SandboxDeck> {
  const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-sandbox-'))
  const removeAtExit = () => rmSync(dataDir, { recursive: true, force: true })
  process.once('exit', removeAtExit)
  const passphrase = randomBytes(24).toString('base64url')
  // Seeding the sandbox and deriving the vault key both take a while: do them side by side.
  const [sandbox, opened] = await Promise.allSettled([
    startSandbox({ seed: 'demo' }),
    initCertDeck({ dataDir, passphrase }).then(() =>
      openCertDeck({ dataDir, passphrase, plugins: [acm(), route53()] }),
    ),
  ])
  const close = async () => {
    process.off('exit', removeAtExit)
    if (sandbox.status === 'fulfilled') await sandbox.value.close()
    await rm(dataDir, { recursive: true, force: true })
  }
  try {
    if (sandbox.status === 'rejected') throw sandbox.reason
    if (opened.status === 'rejected') throw opened.reason
    const deck = opened.value
    await deck.credentials.add({
      name: SANDBOX_CREDENTIAL,
      kind: 'static',
      accessKeyId: 'AKIASANDBOXDEMO',
      secretAccessKey: randomBytes(30).toString('base64url'),
      endpoint: sandbox.value.endpoint,
      defaultRegion: 'us-east-1',
    })
    await Promise.all([
      // Writes validation records into the sandbox's public example.com zone.
      deck.dns.add({ type: 'route53', name: SANDBOX_DNS_PROVIDER, credential: SANDBOX_CREDENTIAL }),
      deck.certificates.create({
        commonName: 'www.demo.example',
        sans: ['www.demo.example', 'demo.example'],
        tags: { demo: 'true' },
      }),
      deck.certificates.create({
        commonName: 'api.demo.example',
        keyAlgorithm: 'RSA_2048',
        days: 20,
        tags: { demo: 'true' },
      }),
    ])
    return { deck, endpoint: sandbox.value.endpoint, close }
  } catch (error) {
    await close()
    throw error
  }
}
