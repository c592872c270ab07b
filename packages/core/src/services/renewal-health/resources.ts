/** The resources of one AWS service that use a certificate. */
export interface ResourceGroup {
  /** The ARN's service (`elasticloadbalancing`, `cloudfront`, `apigateway`, …). */
  readonly service: string
  /** What one of them is called, in plain words (`load balancer`). */
  readonly noun: string
  /** The same, for several. */
  readonly nouns: string
  readonly arns: readonly string[]
}

const NOUNS: Readonly<Record<string, readonly [string, string]>> = {
  elasticloadbalancing: ['load balancer', 'load balancers'],
  cloudfront: ['CloudFront distribution', 'CloudFront distributions'],
  apigateway: ['API Gateway domain', 'API Gateway domains'],
  appsync: ['AppSync domain', 'AppSync domains'],
  'app-runner': ['App Runner service', 'App Runner services'],
  apprunner: ['App Runner service', 'App Runner services'],
  amplify: ['Amplify app', 'Amplify apps'],
  cognito: ['Cognito domain', 'Cognito domains'],
  'cognito-idp': ['Cognito user pool domain', 'Cognito user pool domains'],
  elasticbeanstalk: ['Elastic Beanstalk environment', 'Elastic Beanstalk environments'],
  'nitro-enclaves': ['Nitro Enclaves association', 'Nitro Enclaves associations'],
  iot: ['IoT domain configuration', 'IoT domain configurations'],
  transfer: ['Transfer Family server', 'Transfer Family servers'],
  opensearch: ['OpenSearch domain', 'OpenSearch domains'],
  es: ['OpenSearch domain', 'OpenSearch domains'],
}

/** The service part of an ARN (`arn:partition:SERVICE:…`), or `other`. */
function serviceOf(arn: string): string {
  const parts = arn.split(':')
  return parts[0] === 'arn' && parts[2] ? parts[2].toLowerCase() : 'other'
}

/** Groups resource ARNs by service, biggest group first, then by service name. */
export function groupResources(arns: readonly string[]): ResourceGroup[] {
  const groups = new Map<string, string[]>()
  for (const arn of arns) {
    const service = serviceOf(arn)
    groups.set(service, [...(groups.get(service) ?? []), arn])
  }
  return [...groups.entries()]
    .map(([service, list]) => {
      const [noun, nouns] = NOUNS[service] ?? [`${service} resource`, `${service} resources`]
      return { service, noun, nouns, arns: list }
    })
    .sort((a, b) => b.arns.length - a.arns.length || a.service.localeCompare(b.service))
}

/** "2 load balancers and 1 CloudFront distribution use it"; "nothing uses it" for none. */
export function usageSentence(arns: readonly string[]): string {
  const groups = groupResources(arns)
  if (groups.length === 0) return 'nothing uses it'
  const parts = groups.map((g) => `${g.arns.length} ${g.arns.length === 1 ? g.noun : g.nouns}`)
  const list = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
  return `${list} ${arns.length === 1 ? 'uses' : 'use'} it`
}
