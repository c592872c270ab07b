import { inject, injectable } from 'tsyringe'
import type { DeploymentsApi, DeployOptions, DeployResult } from './api.js'
import type { Certificate } from '../../domain/certificate.js'
import type { Credential } from '../../domain/credential.js'
import type { Deployment } from '../../domain/deployment.js'
import { CertDeckError } from '../../errors.js'
import { canImport, type CloudCertificateImporter, type CloudSession } from '../../plugins/cloud-provider.js'
import { AuditLog } from '../../ports/audit-log.js'
import { Clock } from '../../ports/clock.js'
import { Store } from '../../ports/store.js'
import { checkAcmImportRules } from './acm-import-rules.js'
import { CertificateService, newId } from '../certificates/index.js'
import { forEachLimit } from '../shared/index.js'
import { CredentialService, regionsOf } from '../credentials/index.js'
import { CERTIFICATE_ID_TAG, RegionCopies } from './deploy-locate.js'
import { applyDeployOutcomes, type DeployOutcome } from './deploy-records.js'

/** Regions deployed to at once (ImportCertificate's 1/s quota is per region). */
const REGION_CONCURRENCY = 6

/** One certificate ready for ACM: its entry and its key (opened only for the import call). */
interface Ready {
  readonly certificate: Certificate
  readonly privateKeyPem: string
}

/** What one run does for each (certificate, region). */
interface RunOptions {
  readonly credential: Credential
  readonly store: CloudCertificateImporter
  readonly replace: boolean | undefined
  readonly autoRedeploy: boolean | undefined
  readonly dryRun: boolean
  /** Auto-redeploy: re-import onto the recorded copy only, never make a new one. */
  readonly ontoExistingOnly?: boolean
  readonly signal?: AbortSignal
}

/**
 * Deployments to ACM: certificates × one credential × regions, checked locally against ACM's
 * import rules before any call; an existing copy is left alone (same body), reported, or
 * re-imported onto its ARN (an earlier version, with `replace`). Also re-imports renewed
 * certificates onto their auto-redeploy deployments.
 */
@injectable()
export class DeploymentService implements DeploymentsApi {
  constructor(
    @inject(CertificateService) private readonly certificates: CertificateService,
    @inject(CredentialService) private readonly credentials: CredentialService,
    @inject(Store) private readonly store: Store,
    @inject(AuditLog) private readonly audit: AuditLog,
    @inject(Clock) private readonly clock: Clock,
  ) {}

  async deploy(options: DeployOptions): Promise<DeployResult[]> {
    if (options.certificates.length === 0) {
      throw new CertDeckError(
        'NO_CERTIFICATE',
        'Name at least one certificate to deploy (an id, id prefix or fingerprint prefix).',
      )
    }
    const credential = await this.credentials.get(options.credential)
    if (!options.regions || options.regions.length === 0) {
      throw new CertDeckError('REGION', 'Name the regions to deploy to, e.g. --regions us-east-1,eu-west-1 (or all).')
    }
    const { session, provider } = await this.credentials.open(credential.id)
    try {
      const regions = regionsOf(options.regions, provider.regions, provider.regions, options)
      const ready = await this.prepare(options.certificates)
      const run: RunOptions = {
        credential,
        store: importerOf(session),
        replace: options.replace,
        autoRedeploy: options.autoRedeploy,
        dryRun: options.dryRun === true,
        ...(options.signal ? { signal: options.signal } : {}),
      }
      const deployments = (await this.store.read()).deployments
      const outcomes: DeployOutcome[] = []
      await forEachLimit(
        regions,
        REGION_CONCURRENCY,
        async (region) => {
          const copies = new RegionCopies(run.store, region, run.signal)
          for (const item of ready) {
            const deployment = deployments.find(
              (d) => d.certificateId === item.certificate.id && d.credentialId === credential.id && d.region === region,
            )
            outcomes.push(await this.deployOne(item, region, deployment, copies, run))
          }
        },
        options.signal,
      )
      const order = (o: DeployOutcome) =>
        ready.findIndex((r) => r.certificate.id === o.certificate.id) * 1000 + regions.indexOf(o.region)
      outcomes.sort((a, b) => order(a) - order(b))
      if (!run.dryRun) await this.record(outcomes, run)
      return outcomes.map((o) => o.result)
    } finally {
      session.close?.()
    }
  }

  async list(): Promise<Deployment[]> {
    // A new array, as every list of the facade: callers may sort or keep it.
    return [...(await this.store.read()).deployments]
  }

  async remove(id: string): Promise<void> {
    const removed = await this.store.update((data) => {
      const matches = data.deployments.filter((d) => d.id.startsWith(id))
      if (matches.length !== 1 || id.length === 0) {
        throw new CertDeckError(
          matches.length === 0 ? 'DEPLOYMENT_UNKNOWN' : 'DEPLOYMENT_AMBIGUOUS',
          matches.length === 0
            ? `No deployment has the id "${id}". See the ids with \`certdeck deployments list\`.`
            : `"${id}" matches ${matches.length} deployments; give more of the id.`,
        )
      }
      data.deployments = data.deployments.filter((d) => d !== matches[0])
      return matches[0]
    })
    await this.audit.append({
      action: 'deployment.remove',
      target: removed.arn ?? removed.id,
      outcome: 'ok',
      detail: `certificate ${removed.certificateId} in ${removed.region}`,
    })
  }

  /**
   * Re-imports the current version of `certificate` onto each deployment of it marked
   * auto-redeploy, and records the outcome on each (a failure as `failed` with `lastError`).
   */
  async redeploy(certificate: Certificate): Promise<DeployResult[]> {
    const targets = (await this.store.read()).deployments.filter(
      (d) =>
        d.certificateId === certificate.id && d.autoRedeploy && d.deployedFingerprint !== certificate.fingerprintSha256,
    )
    const outcomes: DeployOutcome[] = []
    for (const credentialId of new Set(targets.map((d) => d.credentialId))) {
      const mine = targets.filter((d) => d.credentialId === credentialId)
      let open: { session: CloudSession; credential: Credential } | undefined
      try {
        const [item] = await this.prepare([certificate.id])
        open = await this.credentials.open(credentialId)
        const run: RunOptions = {
          credential: open.credential,
          store: importerOf(open.session),
          replace: true,
          autoRedeploy: true,
          dryRun: false,
          ontoExistingOnly: true,
        }
        await forEachLimit(mine, REGION_CONCURRENCY, async (deployment) => {
          outcomes.push(
            await this.deployOne(
              item,
              deployment.region,
              deployment,
              new RegionCopies(run.store, deployment.region),
              run,
            ),
          )
        })
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error)
        for (const d of mine)
          outcomes.push({
            certificate,
            region: d.region,
            credentialId,
            result: { certificateId: certificate.id, region: d.region, action: 'failed', message },
          })
      } finally {
        open?.session.close?.()
      }
      await this.record(
        outcomes.filter((o) => o.credentialId === credentialId),
        { replace: undefined, autoRedeploy: undefined },
        'deployment.auto-redeploy',
      )
    }
    return outcomes.map((o) => o.result)
  }

  /** Resolves the certificates and checks each against ACM's import rules before any call. */
  private async prepare(refs: readonly string[]): Promise<Ready[]> {
    const now = this.clock.now()
    const ready = new Map<string, Ready>()
    for (const ref of refs) {
      const certificate = await this.certificates.get(ref)
      if (ready.has(certificate.id)) continue
      const privateKeyPem = certificate.privateKey ? await this.certificates.privateKeyPem(certificate.id) : undefined
      checkAcmImportRules(certificate, privateKeyPem, now)
      ready.set(certificate.id, { certificate, privateKeyPem })
    }
    return [...ready.values()]
  }

  private async deployOne(
    item: Ready,
    region: string,
    deployment: Deployment | undefined,
    copies: RegionCopies,
    run: RunOptions,
  ): Promise<DeployOutcome> {
    const { certificate } = item
    const base = { certificateId: certificate.id, region, ...(run.dryRun ? { dryRun: true } : {}) }
    const outcome = (result: DeployResult): DeployOutcome => ({
      certificate,
      region,
      credentialId: run.credential.id,
      deployment,
      result,
    })
    const replace = run.replace ?? deployment?.replaceIfExists ?? false
    try {
      const found = await copies.find(certificate, deployment)
      if (found.same) {
        return outcome({
          ...base,
          action: 'unchanged',
          arn: found.same.arn,
          message: `ACM ${region} already holds this certificate`,
        })
      }
      if (found.previous) {
        const arn = found.previous.arn
        if (!replace) {
          return outcome({
            ...base,
            action: 'exists',
            arn,
            message:
              `an earlier version is in ACM ${region} at ${arn}; deploy with --replace to re-import onto it ` +
              `(its associations stay)`,
          })
        }
        if (found.previous.keyAlgorithm && found.previous.keyAlgorithm !== certificate.keyAlgorithm) {
          return outcome({
            ...base,
            action: 'failed',
            arn,
            message:
              `ACM cannot change the key type of ${arn} (${found.previous.keyAlgorithm} → ` +
              `${certificate.keyAlgorithm}) on re-import; deploy without --replace to import a new copy`,
          })
        }
        if (!run.dryRun)
          await run.store.importCertificate(
            region,
            { pem: certificate.pem, chainPem: certificate.chainPem, privateKeyPem: item.privateKeyPem, arn },
            run.signal,
          )
        return outcome({
          ...base,
          action: 'reimported',
          arn,
          message: run.dryRun ? `would re-import onto ${arn}` : `re-imported onto ${arn}`,
        })
      }
      if (run.ontoExistingOnly) {
        return outcome({
          ...base,
          action: 'failed',
          message:
            `the copy in ACM ${region} (${deployment?.arn ?? 'no ARN recorded'}) is gone; deploy the ` +
            `certificate again to make a new one`,
        })
      }
      if (run.dryRun) return outcome({ ...base, action: 'imported', message: `would import into ACM ${region}` })
      const arn = await run.store.importCertificate(
        region,
        {
          pem: certificate.pem,
          chainPem: certificate.chainPem,
          privateKeyPem: item.privateKeyPem,
          tags: { [CERTIFICATE_ID_TAG]: certificate.id },
        },
        run.signal,
      )
      return outcome({ ...base, action: 'imported', arn, message: `imported into ACM ${region}` })
    } catch (error) {
      if (run.signal?.aborted) throw error
      return outcome({ ...base, action: 'failed', message: error instanceof Error ? error.message : String(error) })
    }
  }

  private async record(
    outcomes: readonly DeployOutcome[],
    run: Pick<RunOptions, 'replace' | 'autoRedeploy'>,
    action = 'deployment.import',
  ): Promise<void> {
    if (outcomes.length === 0) return
    const now = this.clock.now()
    await this.store.update((data) =>
      applyDeployOutcomes(data, outcomes, {
        replace: run.replace,
        autoRedeploy: run.autoRedeploy,
        now,
        newId: () => newId(data.deployments.map((d) => d.id)),
      }),
    )
    for (const o of outcomes) {
      if (o.result.action === 'unchanged' || o.result.action === 'exists') continue
      await this.audit.append({
        action: o.result.action === 'reimported' && action === 'deployment.import' ? 'deployment.reimport' : action,
        target: o.result.arn ?? `${o.certificate.id}@${o.region}`,
        outcome: o.result.action === 'failed' ? 'failed' : 'ok',
        detail:
          o.result.action === 'failed'
            ? o.result.message
            : `certificate ${o.certificate.id} (${o.certificate.commonName}) in ${o.region}`,
      })
    }
  }
}

function importerOf(session: CloudSession): CloudCertificateImporter {
  const store = session.stores.find((s) => s.kind === 'acm' && canImport(s))
  if (!store || !canImport(store)) {
    throw new CertDeckError('NO_IMPORTER', 'The loaded AWS plugin cannot import certificates into ACM.', {
      kind: 'failure',
    })
  }
  return store
}
