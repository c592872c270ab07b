import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  AddTagsToCertificateCommand,
  DeleteCertificateCommand,
  DescribeCertificateCommand,
  GetCertificateCommand,
  ImportCertificateCommand,
  ListTagsForCertificateCommand,
  RemoveTagsFromCertificateCommand,
  ResourceInUseException,
  TooManyTagsException,
  InvalidTagException,
  ValidationException,
  type ImportCertificateCommandInput,
} from '@aws-sdk/client-acm'
import { keyPemAs, makeTestPki, type TestPki } from '@certdeck/core/testing'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { sdkClients } from './support/sdk-clients.js'

const DAY = 86_400_000
const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8')

describe('ImportCertificate and tags over the real ACM client', () => {
  let sandbox: Sandbox
  let acm: ReturnType<typeof sdkClients>['acm']
  let pki: TestPki

  beforeAll(async () => {
    sandbox = await startSandbox({ quotas: false })
    acm = sdkClients(sandbox.endpoint).acm
    pki = await makeTestPki({ name: 'Sandbox Import Test' })
  })
  afterAll(() => sandbox.close())

  const importInput = async (options: Parameters<TestPki['leaf']>[0] = {}): Promise<ImportCertificateCommandInput> => {
    const leaf = await pki.leaf(options)
    return {
      Certificate: bytes(leaf.pem),
      PrivateKey: bytes(leaf.keyPem),
      CertificateChain: bytes(leaf.chainPem.join('')),
    }
  }

  it('imports a certificate with its chain and reports what the certificate says', async () => {
    const input = await importInput({
      commonName: 'import.example.com',
      sans: ['import.example.com', 'alt.example.com'],
      keyAlgorithm: 'RSA_2048',
    })
    const { CertificateArn } = await acm.send(
      new ImportCertificateCommand({ ...input, Tags: [{ Key: 'team', Value: 'edge' }] }),
    )
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn }))
    expect(Certificate).toMatchObject({
      Type: 'IMPORTED',
      Status: 'ISSUED',
      DomainName: 'import.example.com',
      SubjectAlternativeNames: ['import.example.com', 'alt.example.com'],
      KeyAlgorithm: 'RSA_2048',
      SignatureAlgorithm: 'SHA256WITHRSA',
      Issuer: 'Sandbox Import Test',
      RenewalEligibility: 'INELIGIBLE',
    })
    const body = await acm.send(new GetCertificateCommand({ CertificateArn }))
    expect(body.Certificate!.trim()).toBe(Buffer.from(input.Certificate!).toString().trim())
    expect(body.CertificateChain).toContain('BEGIN CERTIFICATE')
    const tags = await acm.send(new ListTagsForCertificateCommand({ CertificateArn }))
    expect(tags.Tags).toEqual([{ Key: 'team', Value: 'edge' }])
  })

  it('re-imports under the same ARN, keeping tags and use, and refuses a key-type change', async () => {
    const first = await importInput({ commonName: 'reimport.example.com', keyAlgorithm: 'EC_prime256v1', keySlot: 1 })
    const { CertificateArn } = await acm.send(
      new ImportCertificateCommand({ ...first, Tags: [{ Key: 'keep', Value: 'me' }] }),
    )
    sandbox.control.setInUse(CertificateArn!, [
      'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1',
    ])
    const renewed = await importInput({
      commonName: 'reimport.example.com',
      keyAlgorithm: 'EC_prime256v1',
      keySlot: 2,
      notAfter: new Date(Date.now() + 200 * DAY),
    })
    const again = await acm.send(new ImportCertificateCommand({ ...renewed, CertificateArn }))
    expect(again.CertificateArn).toBe(CertificateArn)
    const { Certificate } = await acm.send(new DescribeCertificateCommand({ CertificateArn }))
    expect(Certificate!.NotAfter!.getTime()).toBeGreaterThan(Date.now() + 199 * DAY)
    expect(Certificate!.InUseBy).toHaveLength(1)
    expect((await acm.send(new ListTagsForCertificateCommand({ CertificateArn }))).Tags).toEqual([
      { Key: 'keep', Value: 'me' },
    ])

    const rsa = await importInput({ commonName: 'reimport.example.com', keyAlgorithm: 'RSA_2048' })
    const refused = acm.send(new ImportCertificateCommand({ ...rsa, CertificateArn }))
    await expect(refused).rejects.toBeInstanceOf(ValidationException)
    await expect(refused).rejects.toThrow(/key algorithm .*RSA_2048.*EC_prime256v1/)
    const after = await acm.send(new GetCertificateCommand({ CertificateArn }))
    expect(after.Certificate!.trim()).toBe(Buffer.from(renewed.Certificate!).toString().trim())
  })

  it('applies ACM checks: key match, encrypted key, validity window, chain order, one certificate', async () => {
    const good = await importInput({ commonName: 'checks.example.com' })
    const other = await pki.leaf({ commonName: 'checks.example.com', keySlot: 3 })
    const expired = await importInput({
      notBefore: new Date(Date.now() - 100 * DAY),
      notAfter: new Date(Date.now() - DAY),
    })
    const future = await importInput({
      notBefore: new Date(Date.now() + DAY),
      notAfter: new Date(Date.now() + 90 * DAY),
    })
    const cases: [ImportCertificateCommandInput, RegExp][] = [
      [{ ...good, PrivateKey: bytes(other.keyPem) }, /does not match/],
      [{ ...good, PrivateKey: bytes(keyPemAs(other.key, 'pkcs8', 'secret-pass')) }, /encrypted/],
      [{ ...good, PrivateKey: bytes('x'.repeat(6000)) }, /at most 5120 bytes/],
      [expired, /expired/],
      [future, /not valid yet/],
      [{ ...good, CertificateChain: bytes([...(await pki.leaf()).chainPem].reverse().join('')) }, /chain/],
      [
        {
          ...good,
          Certificate: bytes(Buffer.from(good.Certificate!).toString() + Buffer.from(good.Certificate!).toString()),
        },
        /more than one certificate/,
      ],
      [{ ...good, Certificate: bytes('hello') }, /not a PEM certificate/],
    ]
    for (const [input, message] of cases) {
      const attempt = acm.send(new ImportCertificateCommand(input))
      await expect(attempt).rejects.toBeInstanceOf(ValidationException)
      await expect(attempt).rejects.toThrow(message)
    }
    expect(sandbox.control.counts().certificates).toBe(2)
  })

  it('adds, lists and removes tags with ACM limits', async () => {
    const { CertificateArn } = await acm.send(
      new ImportCertificateCommand(await importInput({ commonName: 'tags.example.com' })),
    )
    await acm.send(
      new AddTagsToCertificateCommand({
        CertificateArn,
        Tags: [{ Key: 'a', Value: '1' }, { Key: 'b', Value: '2' }, { Key: 'c' }],
      }),
    )
    await acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: [{ Key: 'a', Value: '9' }] }))
    await acm.send(
      new RemoveTagsFromCertificateCommand({ CertificateArn, Tags: [{ Key: 'b', Value: 'wrong' }, { Key: 'c' }] }),
    )
    expect((await acm.send(new ListTagsForCertificateCommand({ CertificateArn }))).Tags).toEqual([
      { Key: 'a', Value: '9' },
      { Key: 'b', Value: '2' },
    ])
    const many = Array.from({ length: 49 }, (_, i) => ({ Key: `k${i}`, Value: 'v' }))
    await expect(acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: many }))).rejects.toBeInstanceOf(
      TooManyTagsException,
    )
    await expect(
      acm.send(new AddTagsToCertificateCommand({ CertificateArn, Tags: [{ Key: 'aws:owner', Value: 'x' }] })),
    ).rejects.toBeInstanceOf(InvalidTagException)
  })

  it('refuses to delete a certificate in use, then deletes it once released', async () => {
    const { CertificateArn } = await acm.send(
      new ImportCertificateCommand(await importInput({ commonName: 'delete.example.com' })),
    )
    sandbox.control.setInUse(CertificateArn!, ['arn:aws:cloudfront::111122223333:distribution/E1'])
    await expect(acm.send(new DeleteCertificateCommand({ CertificateArn }))).rejects.toBeInstanceOf(
      ResourceInUseException,
    )
    sandbox.control.setInUse(CertificateArn!, [])
    await acm.send(new DeleteCertificateCommand({ CertificateArn }))
    await expect(acm.send(new DescribeCertificateCommand({ CertificateArn }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    })
  })
})
