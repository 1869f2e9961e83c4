// One broken constraint of a request, in the terms AWS's Coral framework reports it: the member's path
// (`deploymentTargets.accounts`, `tags.1.member.key`), the value, and the constraint sentence.

export type ViolationKind =
  | 'required'
  | 'min-length'
  | 'max-length'
  | 'min-value'
  | 'max-value'
  | 'pattern'
  | 'enum'
  | 'type'
  | 'list-member'

export interface Violation {
  kind: ViolationKind
  /** Coral's path: member names with a lower-case first letter, joined by dots. */
  path: string
  /** The member's name on the wire (GuardDuty's messages name it). */
  wire: string
  value: unknown
  /** E.g. "Member must have length less than or equal to 64". */
  constraint: string
}

/** Coral renders the value with Java's toString: strings bare, lists `[a, b]`, maps `{k=v}`, null unquoted. */
export function renderValue(value: unknown): string {
  if (value === undefined || value === null) return 'null'
  return `'${javaString(value)}'`
}

function javaString(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaString).join(', ')}]`
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${javaString(v)}`)
      .join(', ')}}`
  }
  return String(value)
}

/** "Value 'x' at 'path' failed to satisfy constraint: Member must …" */
export function describe(violation: Violation): string {
  return `Value ${renderValue(violation.value)} at '${violation.path}' failed to satisfy constraint: ${violation.constraint}`
}

/** "1 validation error detected: …" / "N validation errors detected: …; …" */
export function coralMessage(violations: readonly Violation[]): string {
  const n = violations.length
  return `${n} validation error${n === 1 ? '' : 's'} detected: ${violations.map(describe).join('; ')}`
}
