import { createPrivateKey, X509Certificate } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import type { CertificateRequest } from '@certdeck/core'
import { openRequestDeck, ZONE, type RequestDeck } from './support/request-deck.js'

/** An EMAIL-validated public request, approved through the sandbox and refreshed to ISSUED. */
async function issuedPublic(
  t: RequestDeck,
  sandbox: Sandbox,
  name: string,
  exportable: boolean,
): Promise<CertificateRequest> {
  const requested = await t.deck.requests.requestPublic({
    credential: 'sandbox',
    domain: `${name}.${ZONE}`,
    validation: 'EMAIL',
    exportable,
  })
  sandbox.control.approveEmail(requested.arn!, `${name}.${ZONE}`)
  const [issued] = await t.deck.requests.refresh(requested.id)
  expect(issued.state).toBe('ISSUED')
  return issued
}

describe('the lifecycle of public certificates: exportable ones give their key and are revoked through ACM', () => {
  let sandbox: Sandbox
  let t: RequestDeck

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false, validationDelayMs: 0 })
    t = await openRequestDeck(sandbox.endpoint, { acm: { maxAttempts: 2 } })
  })
  afterAll(async () => {
    await t.close()
    await sandbox.close()
  })

  it('retrieves the key of an exportable public certificate and revokes it with ACM RevokeCertificate', async () => {
    const issued = await issuedPublic(t, sandbox, 'shop', true)
    const withKey = await t.deck.lifecycle.retrieveKey(issued.arn!)
    const key = createPrivateKey(await t.deck.certificates.privateKeyPem(withKey.id))
    expect(new X509Certificate(withKey.pem).checkPrivateKey(key)).toBe(true)

    sandbox.control.resetStats()
    await t.deck.lifecycle.revoke(issued.arn!, 'SUPERSEDED')
    expect(sandbox.control.calls({ service: 'acm', operation: 'RevokeCertificate' })).toBe(1)
    expect(sandbox.control.calls({ service: 'acm-pca' })).toBe(0)
    expect(sandbox.control.certificate(issued.arn!)?.status).toBe('REVOKED')
    expect((await t.deck.certificates.list()).map((c) => c.id)).not.toContain(withKey.id)
    await expect(t.deck.lifecycle.revoke(issued.arn!, 'SUPERSEDED')).rejects.toMatchObject({ code: 'ALREADY_REVOKED' })
  })

  it(
    'refuses to export or renew a public certificate ' + 'requested without export, without charging an export',
    async () => {
      const issued = await issuedPublic(t, sandbox, 'plain', false)
      sandbox.control.resetStats()
      await expect(t.deck.lifecycle.retrieveKey(issued.arn!)).rejects.toMatchObject({
        code: 'NOT_EXPORTABLE',
        message: expect.stringContaining('cannot leave ACM'),
      })
      await expect(t.deck.lifecycle.renew(issued.arn!)).rejects.toMatchObject({
        code: 'NOT_RENEWABLE',
        message: expect.stringContaining('managed renewal'),
      })
      expect(sandbox.control.calls({ operation: 'ExportCertificate' })).toBe(0)
      expect(sandbox.control.calls({ operation: 'RenewCertificate' })).toBe(0)
    },
  )
})
