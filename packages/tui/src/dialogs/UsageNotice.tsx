import { groupResources, terminalSafe, usageSentence } from '@certdeck/core'
import { Text } from 'ink'
import { Tone } from '../components/Tone.js'
import { MARK } from '../theme.js'
import { useUsage } from './use-usage.js'

/** Resource lines shown before "… and N more": a dialog must fit 80×24. */
const MAX_LINES = 3

/** The part of an ARN that names the resource, with its region: a whole ARN rarely fits a dialog line. */
function resourceLabel(arn: string): string {
  const parts = arn.split(':')
  if (parts[0] !== 'arn' || parts.length < 6) return arn
  const region = parts[3]
  return `${parts.slice(5).join(':')}${region ? ` (${region})` : ''}`
}

/** Props of {@link UsageNotice}. */
export interface UsageNoticeProps {
  /** The ACM certificates the action touches. */
  readonly arns: readonly string[]
  /** What the last details pass read of them, shown when ACM cannot be asked. */
  readonly known?: readonly string[]
  /** What happens to the resources, e.g. `they will serve a revoked certificate`. */
  readonly consequence: string
}

/**
 * Impact before harm: "2 load balancers and 1 CloudFront distribution use it", asked of ACM as the
 * dialog opens, with the resources grouped by service (core's `groupResources`).
 */
export function UsageNotice({ arns, known, consequence }: UsageNoticeProps) {
  const usage = useUsage(arns, known)
  if (arns.length === 0) return null
  if (usage.loading) return <Text dimColor>Asking ACM what uses it…</Text>
  const sentence = usageSentence(usage.inUseBy)
  const stale = usage.fresh ? '' : ' (as last read)'
  const failed = usage.error ? (
    <Tone
      tone="warn"
      wrap="truncate-end"
    >{`${MARK.warning} ACM could not be asked: ${terminalSafe(usage.error)}`}</Tone>
  ) : null
  if (usage.inUseBy.length === 0)
    return (
      <>
        {failed}
        <Text dimColor>{`${sentence[0]?.toUpperCase()}${sentence.slice(1)}${stale}.`}</Text>
      </>
    )
  const lines = groupResources(usage.inUseBy).flatMap((g) =>
    g.arns.map((arn) => `  ${g.noun}: ${terminalSafe(resourceLabel(arn))}`),
  )
  return (
    <>
      {failed}
      <Tone tone="danger">
        {`${MARK.warning} ${sentence[0]?.toUpperCase()}${sentence.slice(1)}${stale}: ${consequence}.`}
      </Tone>
      {lines.slice(0, MAX_LINES).map((line) => (
        <Text key={line} wrap="truncate-end">
          {line}
        </Text>
      ))}
      {lines.length > MAX_LINES ? <Text dimColor>{`  … and ${lines.length - MAX_LINES} more`}</Text> : null}
    </>
  )
}
