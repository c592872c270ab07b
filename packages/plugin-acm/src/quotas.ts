import type { Quota } from './rate-limiter.js'

/**
 * ACM's default request quotas per account and region (requests per second), from the ACM
 * quotas page. Operations not listed fall back to {@link ACM_FALLBACK_QUOTA}.
 */
export const ACM_QUOTAS: Readonly<Record<string, Quota>> = {
  ListCertificates: { rate: 8 },
  DescribeCertificate: { rate: 10 },
  GetCertificate: { rate: 10 },
  ExportCertificate: { rate: 10 },
  DeleteCertificate: { rate: 10 },
  RequestCertificate: { rate: 5 },
  RenewCertificate: { rate: 5 },
  ImportCertificate: { rate: 1 },
  ResendValidationEmail: { rate: 1 },
  RevokeCertificate: { rate: 5 },
  ListTagsForCertificate: { rate: 10 },
  AddTagsToCertificate: { rate: 5 },
}

/**
 * ACM Private CA's default request quotas per account and region (requests per second), from
 * its quotas page, keyed `acm-pca:<Operation>` (ACM has operations of the same names).
 */
export const PCA_QUOTAS: Readonly<Record<string, Quota>> = {
  'acm-pca:ListCertificateAuthorities': { rate: 20 },
  'acm-pca:RevokeCertificate': { rate: 20 },
}

/** The rate of ACM operations without a published quota. */
export const ACM_FALLBACK_QUOTA: Quota = { rate: 5 }

/**
 * IAM publishes no per-operation rates; these stay well below what IAM accepts in practice
 * (its limits are per account, so IAM uses the region `global`).
 */
export const IAM_QUOTAS: Readonly<Record<string, Quota>> = {
  ListServerCertificates: { rate: 5 },
  GetServerCertificate: { rate: 10 },
}
