import { createPrng } from './random.js'
import { SandboxError } from './types.js'
import type { IamBridge, Route53Bridge, SandboxWorld, WorldOptions } from './world.js'

/** The world plus the handles only the server and control API hold. */
export interface WorldHandle {
  readonly world: SandboxWorld
  /** Wires the real Route 53 bridge in place of the stub. */
  setRoute53(bridge: Route53Bridge): void
  /** Wires the real IAM bridge in place of the stub. */
  setIam(bridge: IamBridge): void
  /** Moves the sandbox clock forward. */
  advanceTime(ms: number): void
  /** The whole state and clock offset, as plain JSON. */
  snapshot(): PersistedWorld
  /** Replaces the whole state and clock offset. */
  restore(data: PersistedWorld): void
}

/** What `control.save()` writes. */
export interface PersistedWorld {
  readonly format: 'certdeck-aws-sandbox'
  readonly version: 1
  readonly clockOffsetMs: number
  readonly state: Record<string, unknown>
}

const stubRoute53: Route53Bridge = {
  findPublicRecord: () => undefined,
  createHostedZone: () => {
    throw new SandboxError('ServiceUnavailable', 'Route 53 is not wired into this sandbox.', 503)
  },
  upsertRecords: () => {
    throw new SandboxError('ServiceUnavailable', 'Route 53 is not wired into this sandbox.', 503)
  },
}

const stubIam: IamBridge = {
  uploadServerCertificate: () => {
    throw new SandboxError('ServiceUnavailable', 'IAM is not wired into this sandbox.', 503)
  },
}

/** Creates a world with stub bridges; the server wires the real ones after creating the services. */
export function createWorld(options: WorldOptions, randomSeed: number | string): WorldHandle {
  const prng = createPrng(randomSeed)
  let state: Record<string, unknown> = {}
  let offset = 0
  let route53 = stubRoute53
  let iam = stubIam
  const world: SandboxWorld = {
    options,
    now: () => Date.now() + offset,
    random: prng.next,
    randomString: prng.string,
    state<T>(key: string, init: () => T): T {
      if (!(key in state)) state[key] = init()
      return state[key] as T
    },
    route53: {
      findPublicRecord: (...args) => route53.findPublicRecord(...args),
      createHostedZone: (...args) => route53.createHostedZone(...args),
      upsertRecords: (...args) => route53.upsertRecords(...args),
    },
    iam: { uploadServerCertificate: (...args) => iam.uploadServerCertificate(...args) },
  }
  return {
    world,
    setRoute53: (bridge) => (route53 = bridge),
    setIam: (bridge) => (iam = bridge),
    advanceTime: (ms) => {
      if (!(ms >= 0)) throw new RangeError(`advanceTime takes a non-negative number of ms, not ${ms}.`)
      offset += ms
    },
    snapshot: () => ({ format: 'certdeck-aws-sandbox', version: 1, clockOffsetMs: offset, state }),
    restore: (data) => {
      if (data?.format !== 'certdeck-aws-sandbox' || data.version !== 1) {
        throw new Error('Not a CertDeck AWS sandbox data file (expected format certdeck-aws-sandbox, version 1).')
      }
      state = data.state
      offset = data.clockOffsetMs
    },
  }
}
