/** An AWS account the sandbox emulates and the access keys that reach it. */
export interface SandboxAccount {
  /** 12-digit account id. */
  readonly id: string
  /** Access key ids that map to this account. */
  readonly accessKeyIds?: readonly string[]
  /** Any access key id starting with this prefix maps to this account. */
  readonly accessKeyPrefix?: string
}

/** The account used when an access key matches no configured account. */
export const DEFAULT_ACCOUNT_ID = '111122223333'

/** Normalises the `accounts` option: validated, never empty, first one is the default. */
export function resolveAccounts(accounts: readonly (SandboxAccount | string)[] | undefined): readonly SandboxAccount[] {
  const list = (accounts?.length ? accounts : [DEFAULT_ACCOUNT_ID]).map((a) => (typeof a === 'string' ? { id: a } : a))
  for (const account of list) {
    if (!/^\d{12}$/.test(account.id)) {
      throw new RangeError(
        `Sandbox account id "${account.id}" is not 12 digits; AWS account ids look like 111122223333.`,
      )
    }
  }
  return list
}

/** Maps an access key id to an account: exact key, then longest prefix, else the first account. */
export function accountFor(accounts: readonly SandboxAccount[], accessKeyId: string): string {
  const exact = accounts.find((a) => a.accessKeyIds?.includes(accessKeyId))
  if (exact) return exact.id
  let best: SandboxAccount | undefined
  for (const account of accounts) {
    const prefix = account.accessKeyPrefix
    if (prefix && accessKeyId.startsWith(prefix) && prefix.length > (best?.accessKeyPrefix?.length ?? -1))
      best = account
  }
  return (best ?? accounts[0]).id
}
