/** One of ACM's RenewalStatusReason codes in plain words, with what to do. */
interface ReasonWords {
  readonly words: string
  readonly fix: string
}

const CHECK_CA = 'Check the private CA in ACM Private CA (its state, quota, permissions), then renew again.'

/** ACM's FailureReason codes (the RenewalStatusReason of a renewal), in plain words. */
const AWS_REASONS: Readonly<Record<string, ReasonWords>> = {
  NO_AVAILABLE_CONTACTS: {
    words: 'ACM found no address to send the validation email to',
    fix:
      'Make one of admin@, administrator@, hostmaster@, postmaster@ or webmaster@ of the domain receive mail, ' +
      'or move the certificate to DNS validation (request a new one).',
  },
  ADDITIONAL_VERIFICATION_REQUIRED: {
    words: 'Amazon needs more information before it issues for this domain',
    fix: 'Open a case with AWS Support; ACM cannot renew until it is resolved.',
  },
  DOMAIN_NOT_ALLOWED: {
    words: 'one of its names is on a list ACM refuses to issue for',
    fix: 'Remove the name from the certificate (request a new one without it), or contact AWS Support.',
  },
  INVALID_PUBLIC_DOMAIN: {
    words: 'one of its names is not a valid public domain',
    fix: 'Request a new certificate with names under a public suffix you own.',
  },
  DOMAIN_VALIDATION_DENIED: {
    words: 'the domain owner refused the validation',
    fix: 'Ask the owner of the validation mailbox to approve the next validation email, or use DNS validation.',
  },
  CAA_ERROR: {
    words: "a CAA record of the domain does not allow Amazon's CAs to issue",
    fix:
      'Add CAA records allowing amazon.com, amazontrust.com, awstrust.com and amazonaws.com ' +
      '(or remove the CAA record).',
  },
  PCA_LIMIT_EXCEEDED: { words: 'the private CA reached a quota', fix: CHECK_CA },
  PCA_INVALID_ARN: { words: 'the private CA ARN is not valid', fix: CHECK_CA },
  PCA_INVALID_STATE: { words: 'the private CA is not active', fix: CHECK_CA },
  PCA_REQUEST_FAILED: { words: 'the private CA refused the request', fix: CHECK_CA },
  PCA_NAME_CONSTRAINTS_VALIDATION: { words: "a name breaks the private CA's name constraints", fix: CHECK_CA },
  PCA_RESOURCE_NOT_FOUND: { words: 'the private CA no longer exists', fix: CHECK_CA },
  PCA_INVALID_ARGS: { words: 'the private CA refused the arguments of the request', fix: CHECK_CA },
  PCA_INVALID_DURATION: { words: "the validity asked for exceeds the private CA's", fix: CHECK_CA },
  PCA_ACCESS_DENIED: { words: 'ACM may not use the private CA', fix: CHECK_CA },
  SLR_NOT_FOUND: {
    words: "ACM's service-linked role is missing",
    fix: 'Create the AWSServiceRoleForCertificateManager role (IAM), then wait for ACM to retry.',
  },
  OTHER: {
    words: 'ACM gave no specific reason',
    fix: 'Look at the validation of each name below; if every name validates, contact AWS Support.',
  },
}

/** ACM's renewal reason in plain words, the code kept in brackets; a code not known here is shown as it is. */
export function awsReasonWords(code: string | undefined): ReasonWords {
  if (!code) return { words: 'ACM gave no reason', fix: AWS_REASONS.OTHER.fix }
  // An answer from the network: only a code's own alphabet is ever shown.
  if (!/^[A-Z0-9_]{1,64}$/.test(code))
    return { words: 'ACM gave a reason CertDeck cannot read', fix: AWS_REASONS.OTHER.fix }
  const known = AWS_REASONS[code]
  return known
    ? { words: `${known.words} (ACM: ${code})`, fix: known.fix }
    : { words: `ACM says ${code}`, fix: AWS_REASONS.OTHER.fix }
}
