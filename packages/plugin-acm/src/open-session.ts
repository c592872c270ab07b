import type { CloudSession, ResolvedCredential } from '@certdeck/core'
import { AwsContext, type ClientSettings } from './aws-context.js'
import type { RateLimiters } from './rate-limiter.js'
import { awsSession } from './session.js'

/** Opens a session with its SDK clients; loaded on demand by {@link lazyAwsSession}. */
export function openAwsSession(
  credential: ResolvedCredential,
  limiters: RateLimiters,
  settings: ClientSettings,
): CloudSession {
  return awsSession(new AwsContext(credential, limiters, settings))
}
