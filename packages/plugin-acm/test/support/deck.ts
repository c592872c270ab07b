import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { initCertDeck, openCertDeck, type CertDeck, type Credential } from '@certdeck/core'
import { inputFile, type TestCertificate } from '@certdeck/core/testing'
import acm, { type AcmOptions } from '@certdeck/plugin-acm'

/** The master passphrase of test repositories. */
export const PASSPHRASE = 'test master passphrase'
/** The secret access key test credentials use; tests search outputs for it. */
export const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYSANDBOXKEY'

/** A repository in a temp dir, opened with the ACM plugin. */
export interface TestDeck {
  readonly deck: CertDeck
  readonly dataDir: string
  /** Adds a static credential reaching `endpoint`. */
  addCredential(endpoint: string, name?: string): Promise<Credential>
  /** Imports a test certificate (with its key and chain unless told otherwise). */
  importCertificate(
    certificate: TestCertificate,
    options?: { withKey?: boolean },
  ): ReturnType<CertDeck['certificates']['import']>
  close(): Promise<void>
}

/** Makes and opens a fresh repository with `acm(options)`. */
export async function openTestDeck(options: AcmOptions = {}): Promise<TestDeck> {
  const dataDir = await mkdtemp(join(tmpdir(), 'certdeck-acm-'))
  await initCertDeck({ dataDir, passphrase: PASSPHRASE, scrypt: { N: 2 ** 10, r: 8, p: 1 } })
  const deck = await openCertDeck({ dataDir, passphrase: PASSPHRASE, plugins: [acm(options)] })
  return {
    deck,
    dataDir,
    addCredential: (endpoint, name = 'sandbox') =>
      deck.credentials.add({
        name,
        kind: 'static',
        accessKeyId: 'AKIASANDBOXTEST0001',
        secretAccessKey: SECRET_ACCESS_KEY,
        endpoint,
      }),
    importCertificate: (certificate, { withKey = true } = {}) =>
      deck.certificates.import({
        files: [
          inputFile(
            'bundle.pem',
            certificate.pem + (withKey ? certificate.keyPem : '') + certificate.chainPem.join(''),
          ),
        ],
      }),
    close: () => rm(dataDir, { recursive: true, force: true }),
  }
}
