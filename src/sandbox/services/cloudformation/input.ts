// awsQuery inputs arrive as strings, arrays and nested objects (see protocols/query.ts). These helpers turn
// them into typed values and raise CloudFormation's own validation errors for malformed members.
import { SandboxError } from '../../errors.ts'

export const validationError = (message: string) => new SandboxError('ValidationError', message, 400)

export function str(input: Record<string, unknown>, key: string): string | undefined {
  const value = input[key]
  if (value === undefined || value === null) return undefined
  if (typeof value === 'string') return value
  throw validationError(`Invalid value for ${key}`)
}

export function requiredStr(input: Record<string, unknown>, key: string, member = lowerFirst(key)): string {
  const value = str(input, key)
  if (value === undefined || value === '') {
    throw validationError(
      `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`,
    )
  }
  return value
}

/** An awsQuery list: an array, or '' for an explicitly empty list. */
export function list<T = unknown>(value: unknown): T[] {
  if (value === undefined || value === null || value === '') return []
  if (Array.isArray(value)) return value as T[]
  if (typeof value === 'object' && 'member' in value) return list((value as { member: unknown }).member)
  return [value as T]
}

export function strList(input: Record<string, unknown>, key: string): string[] {
  return list(input[key]).map(String)
}

export function bool(value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'boolean') return value
  if (value === 'true') return true
  if (value === 'false') return false
  throw validationError(`Invalid boolean value ${String(value)}`)
}

export function int(value: unknown, member: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const n = Number(value)
  if (!Number.isInteger(n)) throw validationError(`Invalid integer value for ${member}`)
  return n
}

export function obj(value: unknown): Record<string, unknown> | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  throw validationError('Invalid structure')
}

/** Checks an enum member the way AWS's request validation words it. */
export function enumValue<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  member: string,
): T | undefined {
  if (value === undefined) return undefined
  if (!(allowed as readonly string[]).includes(value)) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ` +
        `Member must satisfy enum value set: [${allowed.join(', ')}]`,
    )
  }
  return value as T
}

export function rangeCheck(value: number | undefined, min: number, max: number, member: string): void {
  if (value === undefined) return
  if (value < min) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ` +
        `Member must have value greater than or equal to ${min}`,
    )
  }
  if (value > max) {
    throw validationError(
      `1 validation error detected: Value '${value}' at '${member}' failed to satisfy constraint: ` +
        `Member must have value less than or equal to ${max}`,
    )
  }
}

export interface ParameterInput {
  key: string
  value?: string
  usePrevious?: boolean
}

export function parameters(value: unknown): ParameterInput[] {
  return list<Record<string, unknown>>(value).map((p) => ({
    key: String(p.ParameterKey ?? ''),
    ...(p.ParameterValue !== undefined ? { value: String(p.ParameterValue) } : {}),
    ...(bool(p.UsePreviousValue) !== undefined ? { usePrevious: bool(p.UsePreviousValue) } : {}),
  }))
}

export function tags(value: unknown): { Key: string; Value: string }[] {
  const out = list<Record<string, unknown>>(value).map((t) => ({
    Key: String(t.Key ?? ''),
    Value: String(t.Value ?? ''),
  }))
  if (out.length > 50)
    throw validationError(
      "1 validation error detected: Value at 'tags' failed to satisfy constraint: Member must have length less than or equal to 50",
    )
  return out
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1)
}
