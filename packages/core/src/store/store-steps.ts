import { channel } from 'node:diagnostics_channel'

/**
 * Named points of a save where a pause (Ctrl-Z, a VM pause, swapping) is most harmful:
 * `lock-dir-created` (the lock directory exists, its owner record not yet), `before-rename`
 * (the document is on disk in its temp file and the lock was checked; the rename that commits
 * comes next).
 */
export type StoreStep = 'lock-dir-created' | 'before-rename'

/** The diagnostics channel on which {@link reachStep} announces each {@link StoreStep}. */
export const STORE_STEPS_CHANNEL = 'certdeck:store-steps'

const steps = channel(STORE_STEPS_CHANNEL)

/**
 * Announces that the save of `file` reached `step`, on the `certdeck:store-steps` diagnostics
 * channel. Nothing subscribes in normal use (then this is a no-op); fault-injection tests
 * subscribe from a module preloaded with `node --import` to stop the process exactly there.
 */
export function reachStep(step: StoreStep, file: string): void {
  if (steps.hasSubscribers) steps.publish({ step, file })
}
