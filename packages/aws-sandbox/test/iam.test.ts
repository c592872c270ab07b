import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  DeleteServerCertificateCommand,
  EntityAlreadyExistsException,
  GetServerCertificateCommand,
  KeyPairMismatchException,
  LimitExceededException,
  ListServerCertificatesCommand,
  MalformedCertificateException,
  NoSuchEntityException,
  paginateListServerCertificates,
  UploadServerCertificateCommand,
  type IAMClient,
} from '@aws-sdk/client-iam'
import { startSandbox, type Sandbox } from '@certdeck/aws-sandbox'
import { seedServerCertificates } from '../src/iam/index.js'
import { sdkClients } from './support/sdk-clients.js'
import { makeCertificate, makeChain, type TestCertificate } from './support/x509-fixtures.js'

const OTHER_ACCOUNT = '444455556666'
const QUOTA_ACCOUNT = '777788889999'

describe('IAM server certificates over the Query protocol', () => {
  let sandbox: Sandbox
  let iam: IAMClient
  let chain: Awaited<ReturnType<typeof makeChain>>
  let stranger: TestCertificate

  beforeAll(async () => {
    sandbox = await startSandbox({
      quotas: false,
      accounts: [
        '111122223333',
        { id: OTHER_ACCOUNT, accessKeyPrefix: 'AKIAOTHER' },
        { id: QUOTA_ACCOUNT, accessKeyPrefix: 'AKIAQUOTA' },
      ],
    })
    iam = sdkClients(sandbox.endpoint).iam
    chain = await makeChain('www.example.com')
    stranger = await makeCertificate({ commonName: 'stranger.example.com' })
  })
  afterAll(() => sandbox.close())

  const upload = (client: IAMClient, name: string, path?: string) =>
    client.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: name,
        Path: path,
        CertificateBody: chain.leaf.certificatePem,
        PrivateKey: chain.leaf.privateKeyPem,
      }),
    )

  it('uploads, gets, lists and deletes a certificate with its chain and tags', async () => {
    const uploaded = await iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'www-2026',
        Path: '/cloudfront/',
        CertificateBody: chain.leaf.certificatePem,
        PrivateKey: chain.leaf.privateKeyPem,
        CertificateChain: chain.chainPem,
        Tags: [{ Key: 'team', Value: 'edge' }],
      }),
    )
    const metadata = uploaded.ServerCertificateMetadata!
    expect(metadata.Arn).toBe('arn:aws:iam::111122223333:server-certificate/cloudfront/www-2026')
    expect(metadata.ServerCertificateId).toMatch(/^ASCA[A-Z0-9]{17}$/)
    expect(metadata.Expiration).toEqual(chain.leaf.certificate.notAfter)
    expect(uploaded.Tags).toEqual([{ Key: 'team', Value: 'edge' }])

    const got = (await iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'WWW-2026' })))
      .ServerCertificate!
    expect(got.CertificateBody).toBe(chain.leaf.certificatePem)
    expect(got.CertificateChain).toBe(chain.chainPem)
    expect(got.ServerCertificateMetadata).toEqual(metadata)
    expect(JSON.stringify(got)).not.toContain('PRIVATE KEY')

    const listed = await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/cloudfront/' }))
    expect(listed.ServerCertificateMetadataList?.map((m) => m.ServerCertificateName)).toEqual(['www-2026'])
    expect(listed.IsTruncated).toBe(false)

    await iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'www-2026' }))
    await expect(
      iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'www-2026' })),
    ).rejects.toBeInstanceOf(NoSuchEntityException)
  })

  it('pages with Marker and MaxItems in name order and filters by PathPrefix', async () => {
    for (const name of ['p-e', 'p-a', 'p-d', 'p-c', 'p-b']) await upload(iam, name, '/paging/')
    await upload(iam, 'elsewhere', '/other/')
    const first = await iam.send(new ListServerCertificatesCommand({ PathPrefix: '/paging/', MaxItems: 2 }))
    expect(first.IsTruncated).toBe(true)
    expect(first.Marker).toBeTruthy()
    const names: string[] = []
    const pages: number[] = []
    for await (const page of paginateListServerCertificates({ client: iam, pageSize: 2 }, { PathPrefix: '/paging/' })) {
      pages.push(page.ServerCertificateMetadataList!.length)
      names.push(...page.ServerCertificateMetadataList!.map((m) => m.ServerCertificateName!))
    }
    expect(names).toEqual(['p-a', 'p-b', 'p-c', 'p-d', 'p-e'])
    expect(pages).toEqual([2, 2, 1])
  })

  it('answers typed exceptions and stores nothing after a refused upload', async () => {
    await upload(iam, 'taken')
    await expect(upload(iam, 'TAKEN')).rejects.toBeInstanceOf(EntityAlreadyExistsException)
    const mismatch = iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'mismatch',
        CertificateBody: chain.leaf.certificatePem,
        PrivateKey: stranger.privateKeyPem,
      }),
    )
    await expect(mismatch).rejects.toBeInstanceOf(KeyPairMismatchException)
    const badChain = iam.send(
      new UploadServerCertificateCommand({
        ServerCertificateName: 'bad-chain',
        CertificateBody: chain.leaf.certificatePem,
        PrivateKey: chain.leaf.privateKeyPem,
        CertificateChain: chain.root.certificatePem,
      }),
    )
    await expect(badChain).rejects.toThrow(/index within the chain of the invalid certificate is: -1/)
    await expect(badChain).rejects.toBeInstanceOf(MalformedCertificateException)
    const badName = iam.send(
      new UploadServerCertificateCommand({ ServerCertificateName: 'no spaces', CertificateBody: 'x', PrivateKey: 'y' }),
    )
    await expect(badName).rejects.toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } })
    await expect(
      iam.send(new DeleteServerCertificateCommand({ ServerCertificateName: 'mismatch' })),
    ).rejects.toBeInstanceOf(NoSuchEntityException)
    await expect(
      iam.send(new GetServerCertificateCommand({ ServerCertificateName: 'bad-chain' })),
    ).rejects.toBeInstanceOf(NoSuchEntityException)
  })

  it('keeps accounts apart', async () => {
    const other = sdkClients(sandbox.endpoint, { accessKeyId: 'AKIAOTHER0001' }).iam
    await upload(iam, 'per-account', '/accounts/')
    expect((await other.send(new ListServerCertificatesCommand({}))).ServerCertificateMetadataList).toEqual([])
    const theirs = await upload(other, 'per-account', '/accounts/')
    expect(theirs.ServerCertificateMetadata!.Arn).toBe(
      `arn:aws:iam::${OTHER_ACCOUNT}:server-certificate/accounts/per-account`,
    )
  })

  it('refuses uploads beyond the quota of 20 server certificates per account', async () => {
    // The SDK classifies LimitExceededException as throttling and would back off and retry.
    const quota = sdkClients(sandbox.endpoint, { accessKeyId: 'AKIAQUOTA0001', maxAttempts: 1 }).iam
    // Seeded certificates count against the quota like uploaded ones.
    for (let i = 0; i < 19; i++) {
      sandbox.control.world.iam.uploadServerCertificate(QUOTA_ACCOUNT, {
        name: `q-${String(i).padStart(2, '0')}`,
        certificateBody: chain.leaf.certificatePem,
      })
    }
    await upload(quota, 'q-19')
    await expect(upload(quota, 'q-20')).rejects.toBeInstanceOf(LimitExceededException)
    await expect(upload(quota, 'q-00')).rejects.toBeInstanceOf(EntityAlreadyExistsException)
  })

  it('shows certificates stored through the bridge the seeder uses', async () => {
    const uploadDate = Date.UTC(2026, 0, 2)
    const seeded = sandbox.control.world.iam.uploadServerCertificate(OTHER_ACCOUNT, {
      name: 'seeded',
      path: '/seed/',
      certificateBody: stranger.certificatePem,
      uploadDate,
    })
    const other = sdkClients(sandbox.endpoint, { accessKeyId: 'AKIAOTHER0001' }).iam
    const got = (await other.send(new GetServerCertificateCommand({ ServerCertificateName: 'seeded' })))
      .ServerCertificate!
    expect(got.ServerCertificateMetadata).toMatchObject({
      Arn: seeded.arn,
      ServerCertificateId: seeded.id,
      UploadDate: new Date(uploadDate),
    })
    expect(got.CertificateChain).toBeUndefined()
    const [helper] = seedServerCertificates(sandbox.control.world, OTHER_ACCOUNT, [
      { name: 'helper', path: '/seed/', certificateBody: chain.leaf.certificatePem, certificateChain: chain.chainPem },
    ])
    const listed = await other.send(new ListServerCertificatesCommand({ PathPrefix: '/seed/' }))
    expect(listed.ServerCertificateMetadataList?.map((m) => m.Arn)).toEqual([helper.arn, seeded.arn])
  })
})
