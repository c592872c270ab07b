import { Text, Transform } from 'ink'
import { useEffect, useRef, useState } from 'react'
import { useDeck, useDialogActive, useShell } from '../context.js'
import { Dialog } from '../form/Dialog.js'
import { useKeys } from '../hooks/key-router.js'
import { KEY, keyName, motionOf } from '../keys.js'
import { ConfirmDialog } from './ConfirmDialog.js'
import { lifecycleActions, type LifecycleAction, type LifecycleTarget } from './lifecycle-target.js'
import { RevokeDialog } from './RevokeDialog.js'
import { Para, dropWrapSpace } from '../components/Para.js'
import { UsageNotice } from './UsageNotice.js'

/** Props of {@link LifecycleMenu}. */
export interface LifecycleMenuProps {
  readonly target: LifecycleTarget
  /** Run this action at once (from the command palette); the menu stays open when it is refused. */
  readonly start?: LifecycleAction['id']
}

/**
 * The details menu of an ACM certificate: renew (private), revoke, retrieve the private key,
 * delete from CertDeck, open the request. ↑↓ and ⏎, or the action's letter; an action that does
 * not apply says why.
 */
export function LifecycleMenu({ target, start }: LifecycleMenuProps) {
  const deck = useDeck()
  const shell = useShell()
  const active = useDialogActive()
  const actions = lifecycleActions(target)
  const [cursor, setCursor] = useState(0)
  const name = `${target.domain}${target.cloud ? ` (${target.cloud.region})` : ''}`

  const choose = (action: LifecycleAction) => {
    if (action.blocked) return shell.warn(`${action.title}: ${action.blocked}.`)
    if (action.id === 'request' && target.request) {
      shell.closeDialog()
      return shell.show('requests', target.request.id)
    }
    if (action.id === 'revoke') return shell.openDialog(<RevokeDialog target={target} />)
    shell.openDialog(
      action.id === 'renew' ? (
        <ConfirmDialog
          title={`Renew ${name}`}
          question={
            `Renew ${target.domain}? Its ACM Private CA signs a new certificate under the same ARN. The ` +
            `renewal shows in the Requests tab; once issued it becomes a new version in the repository and ` +
            `auto-redeploy runs.`
          }
          confirmLabel="Renew"
          run={async () => {
            const renewal = await deck.lifecycle.renew(target.ref)
            return `Renewal of ${target.domain} requested (${renewal.id}): see the Requests tab.`
          }}
        />
      ) : action.id === 'retrieve' ? (
        <ConfirmDialog
          title={`Retrieve the private key of ${name}`}
          question={
            `AWS charges for each export of a certificate (ExportCertificate). The key is exported under a ` +
            `one-time passphrase that never leaves CertDeck, checked against the certificate and sealed in ` +
            `the vault under your master passphrase: it is never shown or written to a file.`
          }
          confirmLabel="Retrieve"
          run={async () => {
            await deck.lifecycle.retrieveKey(target.ref)
            return `The private key of ${target.domain} is sealed in the vault (never shown).`
          }}
        />
      ) : (
        <ConfirmDialog
          title={`Delete ${name} from CertDeck`}
          question={
            `Forget ${target.domain} in CertDeck (the repository entry and its cloud record)? ACM keeps the ` +
            `certificate and every service using it; delete it there with the AWS console or CLI if you mean ` +
            `to.`
          }
          confirmLabel="Delete"
          notice={
            <UsageNotice
              arns={target.impact.arns}
              known={target.impact.known}
              consequence="ACM keeps serving it, but CertDeck stops tracking, renewing and re-deploying it"
            />
          }
          run={async () => {
            await deck.lifecycle.delete(target.ref)
            return `${target.domain} is gone from CertDeck; ACM still holds it.`
          }}
        />
      ),
    )
  }

  const started = useRef(false)
  useEffect(() => {
    if (started.current || !start) return
    started.current = true
    const action = actions.find((a) => a.id === start)
    if (action) choose(action)
  })

  useKeys((input, key) => {
    const named = keyName(input, key)
    const motion = motionOf(input, key)
    if (named === KEY.escape) shell.closeDialog()
    else if (named === KEY.enter) choose(actions[cursor])
    else if (motion === 'up' || motion === 'down')
      setCursor((c) => (c + (motion === 'up' ? actions.length - 1 : 1)) % actions.length)
    else {
      const byKey = actions.find((a) => a.key === input)
      if (byKey) choose(byKey)
    }
  }, active)

  return (
    <Dialog title={`Actions: ${name}`} keys="↑↓ move · ⏎ or the letter runs it · Esc close">
      {target.cloud ? (
        <Text dimColor wrap="truncate-end">
          {target.cloud.arn}
        </Text>
      ) : (
        <Para dimColor>
          {target.deployed === false && !target.request
            ? 'Not in ACM yet: d in the Certificates tab deploys it.'
            : 'Not seen in ACM yet.'}
        </Para>
      )}
      {actions.map((action, i) => (
        // One paragraph per action: a long reason wraps under it, not into a column of its own.
        <Transform key={action.id} transform={dropWrapSpace}>
          <Text>
            <Text inverse={i === cursor} dimColor={Boolean(action.blocked)}>
              {`${i === cursor ? '›' : ' '} ${action.key}  ${action.title}`}
            </Text>
            {action.blocked ? <Text dimColor>{`  — ${action.blocked}`}</Text> : null}
          </Text>
        </Transform>
      ))}
    </Dialog>
  )
}
