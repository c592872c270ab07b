import type { CertificateRequest } from '@certdeck/core'
import { ListView } from '../components/ListView.js'
import { useDeck, useShell, useRequestPoll } from '../context.js'
import { ChallengeDialog } from '../dialogs/ChallengeDialog.js'
import { RecordsPanel } from '../dialogs/RecordsPanel.js'
import { RequestPrivateDialog } from '../dialogs/RequestPrivateDialog.js'
import { RequestPublicDialog } from '../dialogs/RequestPublicDialog.js'
import { errorText } from '../format.js'
import { useListTab } from '../hooks/use-list-tab.js'
import { useRequestPolling } from '../hooks/use-request-polling.js'
import { REQUEST_COLUMNS, isUnfinished, requestDetails, stateCell } from './request-table.js'
import type { ViewProps } from './view-props.js'

const requestId = (r: CertificateRequest) => r.id
const requestSearchText = (r: CertificateRequest) => `${r.id} ${r.arn ?? ''} ${r.sans.join(' ')} ${r.state}`

/**
 * The Requests tab: every request and renewal with its state, checked with ACM in the background
 * while any is unfinished. Actions: new public/private request, deploy challenge, sync records,
 * check now, resend the validation email.
 */
export function RequestsView(props: ViewProps) {
  const { data } = props
  const deck = useDeck()
  const shell = useShell()
  useRequestPolling(deck, data.requests, useRequestPoll(), shell.refresh, (error) =>
    shell.warn(`The background check of the requests failed: ${errorText(error)}`),
  )

  const empty = 'No request yet: n requests a public certificate, p a private one.'
  const list = useListTab<CertificateRequest>(props, 'requests', empty, (withSelection) => {
    const dnsOnly = (action: (r: CertificateRequest) => void) =>
      withSelection((r) => {
        if (r.validationMethod !== 'DNS')
          shell.warn(`${r.domain} is not validated by DNS: there are no records to write.`)
        else if (!isUnfinished(r)) shell.warn(`${r.domain} is ${stateCell(r.state).text}: nothing left to validate.`)
        else action(r)
      })
    return {
      'req.public': () => shell.openDialog(<RequestPublicDialog />),
      'req.private': () => shell.openDialog(<RequestPrivateDialog />),
      'req.challenge': dnsOnly((r) => shell.openDialog(<ChallengeDialog request={r} />)),
      'req.records': withSelection((r) =>
        r.validationMethod === 'DNS'
          ? shell.openDialog(<RecordsPanel request={r} />)
          : shell.warn(`${r.domain} is not validated by DNS: there are no records.`),
      ),
      'req.check': withSelection((r) => {
        shell.progress(`Checking ${r.domain} with ACM…`)
        deck.requests.refresh(r.id).then(
          ([now]) => {
            shell.notify(`${r.domain}: ${stateCell((now ?? r).state).text}.`)
            shell.refresh()
          },
          (error: unknown) => shell.fail(error),
        )
      }),
      'req.resend': withSelection((r) => {
        if (r.validationMethod !== 'EMAIL')
          return shell.warn(`${r.domain} is validated by DNS: there is no email to resend.`)
        deck.requests.resendEmail(r.id).then(
          ({ emails }) => shell.notify(`Validation email sent again to ${emails.join(', ')}.`),
          (error: unknown) => shell.fail(error),
        )
      }),
    }
  })

  const providerName = (id: string | undefined) =>
    data.dnsProviders.find((d) => d.id === id || d.name === id)?.name ?? id
  return (
    <ListView
      {...list}
      items={data.requests}
      columns={REQUEST_COLUMNS}
      getId={requestId}
      details={(r) => requestDetails(r, providerName(r.dnsProviderId))}
      searchText={requestSearchText}
      emptyText="No requests to ACM yet. Press n to request a public certificate, p for a private one."
    />
  )
}
