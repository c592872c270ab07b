import { createJsonService } from '../protocol/json-service.js'
import { SandboxError, type ServiceHandler } from '../types.js'
import type { SandboxWorld } from '../world.js'
import { importCertificate } from './import.js'
import {
  deleteCertificate,
  exportCertificate,
  getCertificate,
  renewCertificate,
  resendValidationEmail,
  revokeCertificate,
} from './lifecycle.js'
import { listCertificates } from './list.js'
import { advanceManagedRenewal } from './managed-renewal.js'
import { findRecord } from './model.js'
import { toDetail } from './render.js'
import { requestCertificate } from './request.js'
import { mergeTags, parseTags, removeTags } from './tags.js'
import { refresh } from './validation.js'

/** The emulated ACM service (JSON 1.1, `CertificateManager.<Operation>`). */
export function createAcmService(world: SandboxWorld): ServiceHandler {
  return createJsonService({
    service: 'acm',
    targetPrefix: 'CertificateManager',
    displayName: 'ACM',
    operations: {
      ListCertificates: (input, request) => listCertificates(world, input, request),
      DescribeCertificate(input, request) {
        const record = findRecord(world, request, input.CertificateArn)
        refresh(world, record)
        advanceManagedRenewal(world, record)
        return { Certificate: toDetail(world, record) }
      },
      GetCertificate: (input, request) => getCertificate(world, input, request),
      ImportCertificate: (input, request) => importCertificate(world, input, request),
      RequestCertificate: (input, request) => requestCertificate(world, input, request),
      ExportCertificate: (input, request) => exportCertificate(world, input, request),
      RenewCertificate: (input, request) => renewCertificate(world, input, request),
      DeleteCertificate: (input, request) => deleteCertificate(world, input, request),
      ResendValidationEmail: (input, request) => resendValidationEmail(world, input, request),
      RevokeCertificate: (input, request) => revokeCertificate(world, input, request),
      AddTagsToCertificate(input, request) {
        const record = findRecord(world, request, input.CertificateArn)
        const tags = parseTags(input.Tags)
        if (tags.length === 0) throw new SandboxError('ValidationException', 'Tags must list at least one tag.')
        record.tags = mergeTags(record.tags, tags)
        return {}
      },
      RemoveTagsFromCertificate(input, request) {
        const record = findRecord(world, request, input.CertificateArn)
        record.tags = removeTags(record.tags, parseTags(input.Tags))
        return {}
      },
      ListTagsForCertificate(input, request) {
        return { Tags: findRecord(world, request, input.CertificateArn).tags }
      },
    },
  })
}
