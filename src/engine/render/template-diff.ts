// A template diff as lines a reviewer reads, in text and in a markdown `diff` block: one header line per
// resource (`+` added, `-` removed, `~` modified or replaced), then each changed property as `-` before and
// `+` after, its JSON-pointer path first. Values are compact JSON, long ones cut only past what a policy
// statement needs, so a statement granting another account access reads in full.
import type { PropertyChange, TemplateDiff } from '../template-diff.ts'

const MAX_VALUE = 600

function compact(value: unknown): string {
  const text = JSON.stringify(value) ?? 'undefined'
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}… (${text.length} characters)` : text
}

function propertyLines(c: PropertyChange, indent: string): string[] {
  const lines: string[] = []
  if ('before' in c && c.before !== undefined) lines.push(`-${indent}${c.path}: ${compact(c.before)}`)
  if ('after' in c && c.after !== undefined) lines.push(`+${indent}${c.path}: ${compact(c.after)}`)
  return lines
}

export function templateDiffLines(diff: TemplateDiff): string[] {
  const lines: string[] = []
  for (const r of diff.resources) {
    if (r.action === 'added') lines.push(`+ ${r.logicalId} (${r.type}) added`)
    else if (r.action === 'removed') lines.push(`- ${r.logicalId} (${r.type}) removed`)
    else if (r.action === 'type-changed')
      lines.push(`~ ${r.logicalId} type ${r.typeBefore} → ${r.type} (replaced: the old resource is deleted)`)
    else {
      lines.push(`~ ${r.logicalId} (${r.type})`)
      for (const c of r.changes ?? []) lines.push(...propertyLines(c, '     '))
    }
  }
  if (diff.sections.length > 0) lines.push('~ template sections')
  for (const c of diff.sections) lines.push(...propertyLines(c, '     '))
  if (lines.length === 0) lines.push('  (only comments or formatting changed)')
  return lines
}
