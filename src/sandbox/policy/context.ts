// Condition keys of a request, looked up case-insensitively (IAM: "Condition key names are not case-sensitive",
// reference_policies_elements_condition).
import type { ContextValue, RequestContext } from './types.ts'

export type ContextLookup = (key: string) => ContextValue | undefined

const lookups = new WeakMap<object, ContextLookup>()

export function contextLookup(request: RequestContext): ContextLookup {
  const cached = lookups.get(request.context)
  if (cached) return cached
  const byKey = new Map<string, ContextValue>()
  for (const [key, value] of Object.entries(request.context)) byKey.set(key.toLowerCase(), value)
  const lookup: ContextLookup = (key) => byKey.get(key.toLowerCase())
  lookups.set(request.context, lookup)
  return lookup
}
