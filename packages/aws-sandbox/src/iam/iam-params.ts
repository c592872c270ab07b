/**
 * Reading Query-protocol parameters with IAM's constraints, answering IAM's
 * `ValidationError` wording ("1 validation error detected: …") when one is broken.
 */
import { SandboxError } from '../types.js'
import type { IamTag } from './iam-state.js'

/** The parameters of one Query request: the form body merged over the URL query. */
export function queryParams(query: URLSearchParams, body: Buffer): URLSearchParams {
  const params = new URLSearchParams(query)
  for (const [key, value] of new URLSearchParams(body.toString('utf8'))) params.set(key, value)
  return params
}

/** A member constraint: length bounds and an optional pattern (as IAM words it). */
export interface Constraint {
  readonly min: number
  readonly max: number
  readonly pattern?: RegExp
  /** The pattern as IAM prints it in the error message. */
  readonly patternText?: string
}

/** Constraints of the members IAM's server certificate actions take. */
export const CONSTRAINTS = {
  serverCertificateName: { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' },
  path: {
    min: 1,
    max: 512,
    pattern: /^(\/|\/[\u0021-\u007E]+\/)$/,
    patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
  },
  pathPrefix: { min: 1, max: 512, pattern: /^\/[\u0021-\u007F]*$/, patternText: '\\u002F[\\u0021-\\u007F]*' },
  certificateBody: {
    min: 1,
    max: 16384,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  privateKey: {
    min: 1,
    max: 16384,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  certificateChain: {
    min: 1,
    max: 2097152,
    pattern: /^[\u0009\u000A\u000D\u0020-\u00FF]+$/,
    patternText: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+',
  },
  marker: { min: 1, max: 320, pattern: /^[\u0020-\u00FF]+$/, patternText: '[\\u0020-\\u00FF]+' },
} satisfies Record<string, Constraint>

function validationError(detail: string): SandboxError {
  return new SandboxError('ValidationError', `1 validation error detected: ${detail}`)
}

/**
 * The string parameter `name` checked against `constraint`, or undefined when absent and not
 * `required`. Secret members (`privateKey`) are never quoted in the error.
 */
export function stringParam(
  params: URLSearchParams,
  name: string,
  constraint: Constraint,
  required: boolean,
  secret = false,
): string | undefined {
  const value = params.get(name)
  const member = name.charAt(0).toLowerCase() + name.slice(1)
  if (value === null) {
    if (required)
      throw validationError(`Value null at '${member}' failed to satisfy constraint: Member must not be null`)
    return undefined
  }
  const shown = secret ? '***' : value
  if (value.length < constraint.min || value.length > constraint.max) {
    const bound =
      value.length < constraint.min
        ? `greater than or equal to ${constraint.min}`
        : `less than or equal to ${constraint.max}`
    throw validationError(
      `Value '${shown}' at '${member}' failed to satisfy constraint: Member must have length ${bound}`,
    )
  }
  if (constraint.pattern && !constraint.pattern.test(value)) {
    throw validationError(
      `Value '${shown}' at '${member}' failed to satisfy constraint: Member must satisfy regular ` +
        `expression pattern: ${constraint.patternText}`,
    )
  }
  return value
}

/** `MaxItems`: an integer from 1 to 1000, `fallback` when absent. */
export function maxItemsParam(params: URLSearchParams, fallback: number): number {
  const raw = params.get('MaxItems')
  if (raw === null) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1 || value > 1000) {
    throw validationError(
      `Value '${raw}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000`,
    )
  }
  return value
}

/** `Tags.member.N.Key` / `.Value` pairs, at most 50, keys unique. */
export function tagsParam(params: URLSearchParams): IamTag[] {
  const tags: IamTag[] = []
  for (let n = 1; params.has(`Tags.member.${n}.Key`); n++) {
    const key = params.get(`Tags.member.${n}.Key`) ?? ''
    const value = params.get(`Tags.member.${n}.Value`) ?? ''
    if (key.length < 1 || key.length > 128) {
      throw validationError(
        `Value '${key}' at 'tags.${n}.member.key' failed to satisfy constraint: Member must have length ` +
          `between 1 and 128`,
      )
    }
    if (value.length > 256) {
      throw validationError(
        `Value at 'tags.${n}.member.value' failed to satisfy constraint: Member must have length less than ` +
          `or equal to 256`,
      )
    }
    if (tags.some((tag) => tag.Key === key)) {
      throw new SandboxError('InvalidInput', `Duplicate tag key: ${key}. Tag keys must be unique.`)
    }
    tags.push({ Key: key, Value: value })
  }
  if (tags.length > 50) {
    throw validationError(
      `Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50`,
    )
  }
  return tags
}
