// Reading a policy document: JSON text or object, `Statement` and every element either one value or a list.
import type { NamedPolicy, PolicyDocument, Statement } from './types.ts'

/** A document the evaluator cannot read at all (not JSON, no Statement). */
export class PolicyParseError extends Error {
  override name = 'PolicyParseError'
}

export function parseDocument(document: PolicyDocument | string): PolicyDocument {
  if (typeof document !== 'string') return document
  try {
    return JSON.parse(document) as PolicyDocument
  } catch (error) {
    throw new PolicyParseError(`policy is not JSON: ${(error as Error).message}`)
  }
}

/** One value or a list of values, as every IAM element may be written. */
export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return []
  return Array.isArray(value) ? value : [value]
}

const parsedText = new Map<string, { version: string | undefined; statements: Statement[] }>()
const parsedObjects = new WeakMap<object, { version: string | undefined; statements: Statement[] }>()

/**
 * The statements of a policy, read once per document: JSON text per distinct text, an object per object (the
 * sandbox replaces a stored policy, never edits it in place — AWS's Put*Policy calls replace it too).
 */
export function statementsOf(policy: NamedPolicy): { version: string | undefined; statements: Statement[] } {
  const { document } = policy
  const cached = typeof document === 'string' ? parsedText.get(document) : parsedObjects.get(document)
  if (cached) return cached
  const doc = parseDocument(document)
  if (doc === null || typeof doc !== 'object' || doc.Statement === undefined) {
    throw new PolicyParseError(`policy ${policy.name} has no Statement`)
  }
  const result = { version: doc.Version, statements: asList(doc.Statement) }
  if (typeof document === 'string') {
    if (parsedText.size > 5000) parsedText.clear()
    parsedText.set(document, result)
  } else parsedObjects.set(document, result)
  return result
}
