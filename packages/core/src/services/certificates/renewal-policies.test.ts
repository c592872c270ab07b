import { describe, expect, it } from 'vitest'
import type { Certificate, CertificateFacts } from '../../domain/certificate.js'
import type { Deployment } from '../../domain/deployment.js'
import {
  Deployed,
  LatestExpiring,
  type RenewalInput,
  SameKey,
  chooseRenewalTarget,
  namedRenewal,
} from './renewal-policies.js'

const entry = (id: string, key: string, notAfter: string): Certificate =>
  ({
    id,
    version: 1,
    commonName: 'deploy.example.com',
    sans: ['deploy.example.com'],
    notAfter,
    publicKeySha256: key,
    pem: '',
    versions: [],
    tags: {},
  }) as unknown as Certificate

const deployment = (certificateId: string, region: string): Deployment => ({
  id: `${certificateId}-${region}`,
  certificateId,
  credentialId: 'c',
  region,
  replaceIfExists: true,
  autoRedeploy: true,
  state: 'deployed',
  updatedAt: '2026-01-01T00:00:00.000Z',
})

const renewal = { commonName: 'deploy.example.com', publicKeySha256: 'k1', notAfter: '2027-06-01T00:00:00.000Z' }
const input = (candidates: Certificate[], deployments: Deployment[] = [], key = 'k1'): RenewalInput => ({
  facts: { ...renewal, publicKeySha256: key } as unknown as CertificateFacts,
  candidates,
  deployments,
})

const deployedK1 = entry('aaa', 'k1', '2027-01-01T00:00:00.000Z')
const discoveredK2 = entry('bbb', 'k2', '2027-03-01T00:00:00.000Z')
const deployedK3 = entry('ccc', 'k3', '2027-02-01T00:00:00.000Z')

describe('SameKey', () => {
  it('chooses the one entry whose current version holds the public key', () => {
    expect(SameKey(input([discoveredK2, deployedK1]))).toEqual({
      chosen: { entry: deployedK1, reason: 'same-key', message: expect.stringContaining('same key: aaa') },
    })
  })
  it('narrows to the entries holding the key when several do, and has no opinion when none does', () => {
    const twin = entry('ddd', 'k1', '2027-02-01T00:00:00.000Z')
    expect(SameKey(input([deployedK1, twin, discoveredK2]))).toEqual({ narrowed: [deployedK1, twin] })
    expect(SameKey(input([deployedK1, discoveredK2], [], 'k9'))).toBeUndefined()
  })
})

describe('Deployed', () => {
  it('chooses the one deployed entry and names its regions', () => {
    const deployments = [deployment('aaa', 'us-east-1'), deployment('aaa', 'eu-west-1')]
    expect(Deployed(input([discoveredK2, deployedK1], deployments))).toEqual({
      chosen: { entry: deployedK1, reason: 'deployed', message: expect.stringContaining('(us-east-1, eu-west-1)') },
    })
  })
  it('calls several deployed entries ambiguous, and has no opinion when none is deployed', () => {
    const deployments = [deployment('aaa', 'us-east-1'), deployment('ccc', 'eu-west-1')]
    expect(Deployed(input([deployedK1, deployedK3], deployments))).toEqual({
      ambiguous: [deployedK1, deployedK3],
      why: 'several of them are deployed',
    })
    expect(Deployed(input([deployedK1, discoveredK2]))).toBeUndefined()
  })
})

describe('LatestExpiring', () => {
  it('chooses the entry that expires last', () => {
    expect(LatestExpiring(input([deployedK1, discoveredK2, deployedK3]))).toEqual({
      chosen: { entry: discoveredK2, reason: 'latest', message: expect.stringContaining('of 3 entries') },
    })
  })
})

describe('chooseRenewalTarget', () => {
  const deployments = [deployment('aaa', 'us-east-1'), deployment('ccc', 'eu-west-1')]

  it('prefers key continuity over deployments and expiry', () => {
    expect(chooseRenewalTarget(input([discoveredK2, deployedK3, deployedK1], deployments)).entry).toBe(deployedK1)
  })
  it('without a key match, prefers the deployed entry over a later-expiring one', () => {
    const result = chooseRenewalTarget(input([discoveredK2, deployedK1], [deployment('aaa', 'us-east-1')], 'k9'))
    expect(result).toMatchObject({ entry: deployedK1, reason: 'deployed' })
  })
  it('refuses a choice between deployed entries, listing them and --renews', () => {
    expect(() => chooseRenewalTarget(input([deployedK1, deployedK3, discoveredK2], deployments, 'k9'))).toThrow(
      expect.objectContaining({
        code: 'RENEWAL_AMBIGUOUS',
        message: expect.stringMatching(/aaa .*us-east-1; ccc .*eu-west-1\. .*--renews ID/),
      }),
    )
  })
  it('says which deployed entry it passed over for one holding the key', () => {
    const holder = entry('fff', 'k1', '2027-01-01T00:00:00.000Z')
    const result = chooseRenewalTarget(input([holder, deployedK3], deployments))
    expect(result).toMatchObject({ entry: holder, reason: 'same-key' })
    expect(result.message).toContain('not ccc, which is deployed: if this renews it, import again with --renews ID')
  })
  it('falls back to the latest-expiring entry', () => {
    expect(chooseRenewalTarget(input([deployedK1, discoveredK2], [], 'k9'))).toMatchObject({
      entry: discoveredK2,
      reason: 'latest',
    })
  })
})

describe('namedRenewal', () => {
  it('takes the named entry, and refuses one that does not expire before the certificate', () => {
    expect(namedRenewal(deployedK1, input([]).facts)).toMatchObject({ entry: deployedK1, reason: 'named' })
    const later = entry('eee', 'k1', '2028-01-01T00:00:00.000Z')
    expect(() => namedRenewal(later, input([]).facts)).toThrow(expect.objectContaining({ code: 'RENEWS_NOT_OLDER' }))
  })
})
