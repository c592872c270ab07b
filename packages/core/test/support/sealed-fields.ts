import type { SealBinding, SealedSecret } from '../../src/domain/sealed-secret.js'
import type { StoreData } from '../../src/domain/store-data.js'
import { pendingKeyBinding, privateKeyBinding } from '../../src/vault/seal-bindings.js'

/** The certificate and pending keys of a document, each with its binding and a setter. */
export function sealedFieldsForTest(
  data: StoreData,
): { binding: SealBinding; get(): SealedSecret; set(value: SealedSecret): void }[] {
  const fields: { binding: SealBinding; get(): SealedSecret; set(value: SealedSecret): void }[] = []
  data.certificates.forEach((certificate, index) => {
    if (!certificate.privateKey) return
    fields.push({
      binding: privateKeyBinding(certificate),
      get: () => data.certificates[index].privateKey!,
      set: (value) => (data.certificates[index] = { ...data.certificates[index], privateKey: value }),
    })
  })
  data.pendingKeys.forEach((pending, index) => {
    fields.push({
      binding: pendingKeyBinding(pending),
      get: () => data.pendingKeys[index].privateKey,
      set: (value) => (data.pendingKeys[index] = { ...data.pendingKeys[index], privateKey: value }),
    })
  })
  return fields
}
