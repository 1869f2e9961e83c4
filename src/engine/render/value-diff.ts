// Shows what an update changes: a line diff of the pretty-printed JSON of before and after, so an SCP
// edit reads as the statements that were added or removed.
import { diffLines } from 'diff'
import type { Change } from '../change.ts'
import { templateDiffLines } from './template-diff.ts'

export const pretty = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value, null, 2))

/** Lines prefixed with `+`, `-` or a space, unchanged runs longer than `context` lines folded. */
export function valueDiff(before: unknown, after: unknown, context = 3): string[] {
  const lines: string[] = []
  for (const part of diffLines(`${pretty(before)}\n`, `${pretty(after)}\n`)) {
    const body = part.value.replace(/\n$/, '').split('\n')
    if (part.added) lines.push(...body.map((l) => `+ ${l}`))
    else if (part.removed) lines.push(...body.map((l) => `- ${l}`))
    else if (body.length > context * 2 + 1) {
      lines.push(...body.slice(0, context).map((l) => `  ${l}`))
      lines.push(`  … ${body.length - context * 2} unchanged lines`)
      lines.push(...body.slice(-context).map((l) => `  ${l}`))
    } else lines.push(...body.map((l) => `  ${l}`))
  }
  return lines
}

/** A value on one line when short, else pretty-printed and cut to `maxLines`. */
export function compactValue(value: unknown, maxLines = 12): string[] {
  if (value === null || value === undefined) return []
  const oneLine = typeof value === 'string' ? value : JSON.stringify(value)
  if (oneLine.length <= 100) return [oneLine]
  const lines = pretty(value).split('\n')
  return lines.length > maxLines
    ? [...lines.slice(0, maxLines), `… ${lines.length - maxLines} more lines`]
    : lines
}

const withoutTemplateHash = (value: unknown) => {
  if (typeof value !== 'object' || value === null || !('template' in value)) return value
  const { template: _hash, ...rest } = value as Record<string, unknown>
  return rest
}

/**
 * What an update changes: the value diff, and for a changed template its resource / property diff in
 * place of the two hashes (the hashes stay in the JSON plan, where apply re-checks them).
 */
export function updateLines(change: Change): string[] {
  if (!change.templateDiff) return valueDiff(change.before, change.after)
  const rest = valueDiff(withoutTemplateHash(change.before), withoutTemplateHash(change.after))
  const changed = rest.some((l) => l.startsWith('+') || l.startsWith('-'))
  return [...(changed ? rest : []), 'template:', ...templateDiffLines(change.templateDiff)]
}
