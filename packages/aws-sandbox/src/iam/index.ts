export { createIamService, seedServerCertificates, IAM_ACTIONS, SERVER_CERTIFICATE_QUOTA } from './iam-service.js'
export type { SeedServerCertificate } from './iam-service.js'
export { IamState, IAM_STATE_KEY } from './iam-state.js'
export type { IamAccountData, IamStateData, IamTag, ServerCertificateData, ServerCertificatePage } from './iam-state.js'
