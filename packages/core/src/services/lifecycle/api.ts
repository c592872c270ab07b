// The public types of the lifecycle capability (options, results, its part of the CertDeck facade).
import type { Certificate } from '../../domain/certificate.js'
import type { CertificateRequest } from '../../domain/certificate-request.js'
import type { RevocationReason } from '../../plugins/certificate-issuer.js'

/** Renew, revoke, retrieve the private key, delete: the details menu of an ACM certificate. */
export interface LifecycleApi {
  /**
   * Renews a private certificate (RenewCertificate), tracked as a request; when issued it becomes
   * a new version in the repository and auto-redeploy fires. `ref`: an ARN or a repository id.
   */
  renew(ref: string, options?: { readonly signal?: AbortSignal }): Promise<CertificateRequest>
  /** Revokes (private: ACM-PCA; exported public: ACM); the entry is marked revoked. */
  revoke(ref: string, reason: RevocationReason, options?: { readonly signal?: AbortSignal }): Promise<void>
  /**
   * Exports the private key (charged by AWS) under a random passphrase that never leaves the
   * process, checks it matches the certificate and seals it in the vault.
   */
  retrieveKey(ref: string, options?: { readonly signal?: AbortSignal }): Promise<Certificate>
  /** Removes the entry (and its cloud record) from CertDeck only: ACM keeps the certificate. */
  delete(ref: string): Promise<void>
}
