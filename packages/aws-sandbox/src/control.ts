import { randomUUID } from 'node:crypto'
import { chmod, readFile, rename, writeFile } from 'node:fs/promises'
import type { DispatchContext } from './dispatch.js'
import type { FaultOptions, FaultRule } from './faults.js'
import type { QuotaOptions } from './quotas.js'
import type { CallFilter, CallStats } from './stats.js'
import type { SandboxWorld } from './world.js'
import type { PersistedWorld, WorldHandle } from './world-impl.js'
import { acmState, effectiveStatus, type AcmCertificateRecord, type ManagedRenewalRecord } from './acm/model.js'
import { refresh } from './acm/validation.js'
import { certificateBody } from './acm/body.js'
import { createAuthority, pcaState, type NewAuthority } from './pca/model.js'
import { seedWorld } from './seed/seeder.js'
import { DEMO_SEED, type SeedOptions, type SeedReport } from './seed/plan.js'

/** Test and tooling hooks into a running sandbox (never reachable over HTTP). */
export interface SandboxControl {
  /** The shared world (state, clock), for inspection in tests. */
  readonly world: SandboxWorld
  /** Fills the sandbox with real certificates, zones and IAM server certificates. */
  seed(options: SeedOptions | 'demo'): Promise<SeedReport>
  /** Approves the validation email for `domain` of a pending EMAIL-validated request. */
  approveEmail(certificateArn: string, domain: string): void
  /**
   * Replaces the DNS validation record DescribeCertificate shows for `domain` of a request, as a
   * hostile or broken endpoint would (tests of what CertDeck refuses to write).
   */
  craftValidationRecord(
    certificateArn: string,
    domain: string,
    record: { readonly name: string; readonly value: string; readonly type?: string },
  ): void
  /** Replaces the fault injection settings. */
  setFaults(faults: FaultOptions): void
  /** `false` switches quotas off, a number scales AWS's rates, an object scales and overrides. */
  setQuotas(quotas: boolean | number | QuotaOptions): void
  /** Latency added to every call: fixed ms or a [min, max] range. */
  setLatency(latencyMs: FaultRule['latencyMs']): void
  /** Moves the sandbox clock forward (validation delays and time-outs, expiry). */
  advanceTime(ms: number): void
  /** Sets the resources using a certificate (InUse, InUseBy, DeleteCertificate refusal). */
  setInUse(certificateArn: string, inUseBy: readonly string[]): void
  /**
   * Sets ACM's managed renewal of a certificate as DescribeCertificate's RenewalSummary shows it
   * (e.g. `{ status: 'FAILED', reason: 'CAA_ERROR' }`); it stands until set again. `undefined` clears it.
   */
  setRenewal(
    certificateArn: string,
    renewal: { readonly status: ManagedRenewalRecord['status']; readonly reason?: string } | undefined,
  ): void
  /** Creates an ACTIVE private CA and returns its ARN. */
  createCertificateAuthority(input: Omit<NewAuthority, 'accountId'> & { readonly accountId?: string }): string
  /** Changes a private CA's status (e.g. DISABLED to make issuance and renewal fail). */
  setCertificateAuthorityStatus(arn: string, status: 'ACTIVE' | 'DISABLED' | 'EXPIRED' | 'DELETED'): void
  /** Number of requests that reached the sandbox (retries included) matching `filter`. */
  calls(filter?: CallFilter): number
  /** Per (account, region, service, operation) counters matching `filter`. */
  stats(filter?: CallFilter): CallStats[]
  /** Forgets every call counter. */
  resetStats(): void
  /** A copy of an ACM certificate's stored record (its body signed if seeded lazily), or undefined. */
  certificate(certificateArn: string): Readonly<AcmCertificateRecord> | undefined
  /** How many ACM certificates each `account:region` holds, and private CAs in all. */
  counts(): {
    readonly certificates: number
    readonly byRegion: Readonly<Record<string, number>>
    readonly privateCAs: number
  }
  /** How many times ResendValidationEmail was accepted for a certificate. */
  resentEmails(certificateArn: string): number
  /** Writes the whole state to `file` (mode 0600; the sandbox's keys are in clear). */
  save(file: string): Promise<void>
  /** Replaces the whole state with the one saved in `file`. */
  load(file: string): Promise<void>
}

function findAnywhere(world: SandboxWorld, arn: string): AcmCertificateRecord | undefined {
  const region = /^arn:[^:]+:acm:([^:]+):(\d+):/.exec(arn)
  if (!region) return undefined
  return acmState(world).regions[`${region[2]}:${region[1]}`]?.certs[arn]
}

function mustFind(world: SandboxWorld, arn: string): AcmCertificateRecord {
  const record = findAnywhere(world, arn)
  if (!record) throw new RangeError(`No ACM certificate ${arn} in this sandbox.`)
  return record
}

/** Builds the control API over a world and its dispatcher. */
export function createControl(handle: WorldHandle, context: DispatchContext): SandboxControl {
  const { world } = handle
  return {
    world,
    seed: (options) => seedWorld(world, options === 'demo' ? DEMO_SEED : options),
    approveEmail(arn, domain) {
      const record = mustFind(world, arn)
      refresh(world, record)
      const validation = record.validations.find((v) => v.domainName.toLowerCase() === domain.toLowerCase())
      if (validation?.method !== 'EMAIL') throw new RangeError(`${arn} has no EMAIL validation for '${domain}'.`)
      if (record.status !== 'PENDING_VALIDATION')
        throw new RangeError(`${arn} is ${effectiveStatus(world, record)}, not PENDING_VALIDATION.`)
      validation.status = 'SUCCESS'
      refresh(world, record)
    },
    craftValidationRecord(arn, domain, crafted) {
      const record = mustFind(world, arn)
      const index = record.validations.findIndex((v) => v.domainName.toLowerCase() === domain.toLowerCase())
      if (index < 0 || record.validations[index].method !== 'DNS')
        throw new RangeError(`${arn} has no DNS validation for '${domain}'.`)
      record.validations[index] = {
        ...record.validations[index],
        recordName: crafted.name,
        recordValue: crafted.value,
        ...(crafted.type ? { recordType: crafted.type } : {}),
      }
    },
    setFaults: (faults) => {
      context.faults = faults
    },
    setQuotas: (quotas) => context.limiter.configure(quotas),
    setLatency: (latency) => {
      context.latencyMs = latency
    },
    advanceTime: (ms) => handle.advanceTime(ms),
    setInUse: (arn, inUseBy) => {
      mustFind(world, arn).inUseBy = [...inUseBy]
    },
    setRenewal(arn, renewal) {
      const record = mustFind(world, arn)
      record.renewal = renewal && {
        status: renewal.status,
        ...(renewal.reason ? { reason: renewal.reason } : {}),
        updatedAt: world.now(),
      }
    },
    createCertificateAuthority: (input) =>
      createAuthority(world, { ...input, accountId: input.accountId ?? world.options.accounts[0] }).arn,
    setCertificateAuthorityStatus(arn, status) {
      const ca = pcaState(world).authorities[arn]
      if (!ca) throw new RangeError(`No private CA ${arn} in this sandbox.`)
      ca.status = status
      ca.lastStateChangeAt = world.now()
    },
    calls: (filter) => context.counter.list(filter).reduce((sum, row) => sum + row.attempts, 0),
    stats: (filter) => context.counter.list(filter),
    resetStats: () => context.counter.reset(),
    certificate(arn) {
      const record = findAnywhere(world, arn)
      if (!record) return undefined
      certificateBody(world, record)
      return structuredClone(record)
    },
    counts() {
      const byRegion: Record<string, number> = {}
      let certificates = 0
      for (const [key, rs] of Object.entries(acmState(world).regions)) {
        byRegion[key] = rs.order.length
        certificates += rs.order.length
      }
      return { certificates, byRegion, privateCAs: pcaState(world).order.length }
    },
    resentEmails: (arn) => mustFind(world, arn).resendCount,
    async save(file) {
      const temp = `${file}.${process.pid}.${randomUUID()}.tmp`
      await writeFile(temp, JSON.stringify(handle.snapshot()), { mode: 0o600 })
      await chmod(temp, 0o600)
      await rename(temp, file)
    },
    async load(file) {
      handle.restore(JSON.parse(await readFile(file, 'utf8')) as PersistedWorld)
    },
  }
}
