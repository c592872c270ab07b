/**
 * IAM's server certificate actions over the Query protocol (form-encoded POST, XML answers).
 * IAM is global: the region of the signing scope is ignored.
 */
import type { SandboxRequest, SandboxResponse, ServiceHandler } from '../types.js'
import { SandboxError } from '../types.js'
import type { BridgedService, IamBridge, SandboxWorld } from '../world.js'
import { element } from '../xml/xml-writer.js'
import { CONSTRAINTS, maxItemsParam, queryParams, stringParam, tagsParam } from './iam-params.js'
import { IamState, type ServerCertificateData } from './iam-state.js'
import { iamError, iamResponse, metadataXml, tagsXml } from './iam-xml.js'
import { checkServerCertificateUpload, parseCertificateBody, validityOf } from './server-certificate-check.js'

/** IAM's default quota of server certificates per account (UploadServerCertificate refuses beyond it). */
export const SERVER_CERTIFICATE_QUOTA = 20

/** The actions this service answers. */
export const IAM_ACTIONS = [
  'ListServerCertificates',
  'GetServerCertificate',
  'UploadServerCertificate',
  'DeleteServerCertificate',
] as const

type Handler = (params: URLSearchParams, request: SandboxRequest) => SandboxResponse

/** Creates the IAM service and the bridge the seeder uses to store server certificates. */
export function createIamService(world: SandboxWorld): ServiceHandler & BridgedService<IamBridge> {
  const state = (accountId: string) => IamState.of(world, accountId)

  const handlers: Record<string, Handler> = {
    ListServerCertificates(params, request) {
      const pathPrefix = stringParam(params, 'PathPrefix', CONSTRAINTS.pathPrefix, false) ?? '/'
      const marker = stringParam(params, 'Marker', CONSTRAINTS.marker, false)
      const maxItems = maxItemsParam(params, 100)
      const page = state(request.accountId).list(pathPrefix, maxItems, marker)
      return iamResponse('ListServerCertificates', [
        element('IsTruncated', page.nextMarker !== undefined),
        element('Marker', page.nextMarker),
        element(
          'ServerCertificateMetadataList',
          page.items.map((item) => metadataXml('member', item)),
        ),
      ])
    },

    GetServerCertificate(params, request) {
      const name = stringParam(params, 'ServerCertificateName', CONSTRAINTS.serverCertificateName, true)!
      const certificate = state(request.accountId).get(name)
      return iamResponse('GetServerCertificate', [
        element('ServerCertificate', [
          metadataXml('ServerCertificateMetadata', certificate),
          element('CertificateBody', certificate.body),
          element('CertificateChain', certificate.chain),
          tagsXml(certificate),
        ]),
      ])
    },

    UploadServerCertificate(params, request) {
      const name = stringParam(params, 'ServerCertificateName', CONSTRAINTS.serverCertificateName, true)!
      const path = stringParam(params, 'Path', CONSTRAINTS.path, false) ?? '/'
      const body = stringParam(params, 'CertificateBody', CONSTRAINTS.certificateBody, true)!
      const privateKey = stringParam(params, 'PrivateKey', CONSTRAINTS.privateKey, true, true)!
      const chain = stringParam(params, 'CertificateChain', CONSTRAINTS.certificateChain, false)
      const tags = tagsParam(params)
      const account = state(request.accountId)
      const now = world.now()
      const validity = checkServerCertificateUpload({ certificateBody: body, privateKey, certificateChain: chain }, now)
      // The name check comes first so a duplicate is reported as such even when over quota.
      if (account.size >= SERVER_CERTIFICATE_QUOTA && !account.has(name)) {
        throw new SandboxError(
          'LimitExceeded',
          `Cannot exceed quota for ServerCertificatesPerAccount: ${SERVER_CERTIFICATE_QUOTA}`,
          409,
        )
      }
      const stored = account.add({ name, path, body, chain, uploadDate: now, expiration: validity.notAfter, tags })
      return iamResponse('UploadServerCertificate', [metadataXml('ServerCertificateMetadata', stored), tagsXml(stored)])
    },

    DeleteServerCertificate(params, request) {
      const name = stringParam(params, 'ServerCertificateName', CONSTRAINTS.serverCertificateName, true)!
      state(request.accountId).delete(name)
      return iamResponse('DeleteServerCertificate', undefined)
    },
  }

  const bridge: IamBridge = {
    uploadServerCertificate(accountId, input) {
      const validity = validityOf(parseCertificateBody(input.certificateBody))
      const stored = state(accountId).add({
        name: input.name,
        path: input.path ?? '/',
        body: input.certificateBody,
        chain: input.certificateChain,
        uploadDate: input.uploadDate ?? world.now(),
        expiration: validity.notAfter,
        tags: [],
      })
      return { arn: stored.arn, id: stored.id }
    },
  }

  return {
    service: 'iam',
    bridge,
    operationOf(request) {
      return queryParams(request.query, request.body).get('Action') ?? undefined
    },
    handle(operation, request) {
      const handler = Object.hasOwn(handlers, operation) ? handlers[operation] : undefined
      if (!handler) {
        throw new SandboxError(
          'InvalidAction',
          `The CertDeck AWS sandbox does not implement IAM operation ${operation}. Implemented: ` +
            `${IAM_ACTIONS.join(', ')}.`,
        )
      }
      return handler(queryParams(request.query, request.body), request)
    },
    renderError(error) {
      return iamError(error)
    },
  }
}

/** A certificate to store with {@link seedServerCertificates}. */
export type SeedServerCertificate = Parameters<IamBridge['uploadServerCertificate']>[1]

/**
 * Stores server certificates without key checks or quota, as the seeder does; returns their
 * metadata in input order. Throws EntityAlreadyExists for a name already taken.
 */
export function seedServerCertificates(
  world: SandboxWorld,
  accountId: string,
  certificates: readonly SeedServerCertificate[],
): ServerCertificateData[] {
  const service = createIamService(world)
  return certificates.map((certificate) => {
    service.bridge.uploadServerCertificate(accountId, certificate)
    return IamState.of(world, accountId).get(certificate.name)
  })
}
