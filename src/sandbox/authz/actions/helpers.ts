// Small readers the per-service action tables share: input members as strings, and the tag condition keys
// (`aws:RequestTag/<key>`, `aws:TagKeys`) from the tag shapes the services use.
import type { ContextValue } from '../../policy/types.ts'
import type { ActionInput } from '../types.ts'

export const text = (input: ActionInput, key: string): string | undefined => {
  const value = input[key]
  return typeof value === 'string' && value !== '' ? value : undefined
}

export const texts = (input: ActionInput, key: string): string[] => {
  const value = input[key]
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []
}

/** Tags as `[{ Key, Value }]` (Organizations, CloudFormation, CloudTrail, EventBridge, Config) or `{ k: v }` (REST). */
function tagPairs(raw: unknown): [string, string][] {
  if (Array.isArray(raw)) {
    return raw.flatMap((t) => {
      const tag = t as { Key?: unknown; Value?: unknown }
      return typeof tag?.Key === 'string' ? [[tag.Key, String(tag.Value ?? '')] as [string, string]] : []
    })
  }
  if (raw && typeof raw === 'object') return Object.entries(raw).map(([k, v]) => [k, String(v)])
  return []
}

/** `aws:RequestTag/<key>` for each tag sent and `aws:TagKeys` (global condition keys page); none without tags. */
export function requestTags(raw: unknown): Record<string, ContextValue> {
  const pairs = tagPairs(raw)
  if (pairs.length === 0) return {}
  const keys: Record<string, ContextValue> = { 'aws:TagKeys': pairs.map(([k]) => k) }
  for (const [k, v] of pairs) keys[`aws:RequestTag/${k}`] = v
  return keys
}

/** `aws:TagKeys` for UntagResource-style requests that name keys only. */
export function tagKeys(keys: string[]): Record<string, ContextValue> {
  return keys.length > 0 ? { 'aws:TagKeys': keys } : {}
}

/** A single condition key, present only when the request carries a value for it. */
export const key = (name: string, value: string | undefined): Record<string, ContextValue> =>
  value === undefined ? {} : { [name]: value }
