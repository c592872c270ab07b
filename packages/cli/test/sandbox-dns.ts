import { ChangeResourceRecordSetsCommand, type Route53Client } from '@aws-sdk/client-route-53'

/** Writes (UPSERT) or deletes the CNAME `name` → `value` in hosted zone `zoneId`, as an admin would by hand. */
export async function changeCname(
  route53: Route53Client,
  zoneId: string,
  action: 'UPSERT' | 'DELETE',
  name: string,
  value: string,
): Promise<void> {
  await route53.send(
    new ChangeResourceRecordSetsCommand({
      HostedZoneId: zoneId,
      ChangeBatch: {
        Changes: [
          {
            Action: action,
            ResourceRecordSet: { Name: name, Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: value }] },
          },
        ],
      },
    }),
  )
}
