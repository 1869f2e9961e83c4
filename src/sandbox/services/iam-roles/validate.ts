// Input checks of the role operations, with IAM's model constraints (botocore iam 2010-05-08
// service-2.json: roleNameType, pathType, policyNameType, roleDescriptionType, roleMaxSessionDurationType,
// arnType, tagKeyType, tagValueType, maxItemsType, markerType, groupNameType, customSuffixType) and the
// `ValidationError` 400 text AWS's model validation answers with ("1 validation error detected: …").
import { SandboxError } from '../../errors.ts'

export const validationError = (message: string) =>
  new SandboxError('ValidationError', `1 validation error detected: ${message}`, 400)

interface StringRule {
  min?: number
  max?: number
  pattern?: RegExp
  /** The pattern as the model writes it, for the message. */
  patternText?: string
}

/** A model constraint; the pattern is the model's text, anchored (the model's patterns match whole values). */
const rule = (min: number | undefined, max: number, patternText?: string): StringRule => ({
  ...(min !== undefined ? { min } : {}),
  max,
  ...(patternText ? { pattern: new RegExp(`^(?:${patternText})$`, 'u'), patternText } : {}),
})

export const RULES = {
  roleName: rule(1, 64, '[\\w+=,.@-]+'),
  policyName: rule(1, 128, '[\\w+=,.@-]+'),
  path: rule(1, 512, '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)'),
  pathPrefix: rule(1, 512, '\\u002F[\\u0021-\\u007F]*'),
  policyPath: rule(1, 512, '((/[A-Za-z0-9\\.,\\+@=_-]+)*)/'),
  policyDocument: rule(1, 131_072, '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+'),
  description: rule(undefined, 1000, '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*'),
  arn: rule(20, 2048),
  tagKey: rule(1, 128, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+'),
  tagValue: rule(0, 256, '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*'),
  marker: rule(1, 320, '[\\u0020-\\u00FF]+'),
  serviceName: rule(1, 128, '[\\w+=,.@-]+'),
  customSuffix: rule(1, 64, '[\\w+=,.@-]+'),
}

const lowerFirst = (member: string) => member.charAt(0).toLowerCase() + member.slice(1)

/** A required string member; `member` is the model's name (PascalCase), reported camelCase as AWS does. */
export function required(input: Record<string, unknown>, member: string, rule: StringRule): string {
  const value = input[member]
  if (typeof value !== 'string') {
    throw validationError(
      `Value null at '${lowerFirst(member)}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return checked(value, member, rule)
}

export function optional(
  input: Record<string, unknown>,
  member: string,
  rule: StringRule,
): string | undefined {
  const value = input[member]
  return typeof value === 'string' ? checked(value, member, rule) : undefined
}

function checked(value: string, member: string, rule: StringRule): string {
  const at = `at '${lowerFirst(member)}' failed to satisfy constraint: Member must`
  if (rule.min !== undefined && value.length < rule.min)
    throw validationError(`Value '${value}' ${at} have length greater than or equal to ${rule.min}`)
  if (rule.max !== undefined && value.length > rule.max)
    throw validationError(`Value '${value}' ${at} have length less than or equal to ${rule.max}`)
  if (rule.pattern && !rule.pattern.test(value))
    throw validationError(`Value '${value}' ${at} satisfy regular expression pattern: ${rule.patternText}`)
  return value
}

/** An optional integer member within [min, max]. */
export function integer(
  input: Record<string, unknown>,
  member: string,
  min: number,
  max: number,
): number | undefined {
  const raw = input[member]
  if (raw === undefined) return undefined
  const value = Number(raw)
  const at = `at '${lowerFirst(member)}' failed to satisfy constraint: Member must`
  if (!Number.isInteger(value)) throw validationError(`Value '${String(raw)}' ${at} be an integer`)
  if (value < min) throw validationError(`Value '${value}' ${at} have value greater than or equal to ${min}`)
  if (value > max) throw validationError(`Value '${value}' ${at} have value less than or equal to ${max}`)
  return value
}

export interface Tag {
  Key: string
  Value: string
}

/** `Tags.member.N.Key/Value` (at most 50 in one request: tagListType max 50). */
export function tags(input: Record<string, unknown>, member = 'Tags'): Tag[] | undefined {
  const raw = input[member]
  if (raw === undefined) return undefined
  const list = Array.isArray(raw) ? (raw as Record<string, unknown>[]) : []
  if (list.length > 50)
    throw validationError(
      `Value '[…]' at '${lowerFirst(member)}' failed to satisfy constraint: Member must have length less than or equal to 50`,
    )
  return list.map((tag) => ({
    Key: required(tag, 'Key', RULES.tagKey),
    Value: required(tag, 'Value', RULES.tagValue),
  }))
}
