// Templates from a user's stackSets.templateDir that differ from the package's own are a plan warning,
// naming what differs (resources and property paths), so a reviewer sees that the organization gets
// something other than the reviewed, shipped baseline.
import type { Note } from '../../engine/change.ts'
import type { TemplateDiff } from '../../engine/template-diff.ts'
import type { TemplateName } from './catalogue.ts'
import { compareTemplates } from './template-compare.ts'

const MAX_NAMED = 8

/** One short phrase per difference: `~ LogBucketPolicy /PolicyDocument/Statement/3`, `+ Extra (AWS::SNS::Topic)`. */
export function differences(diff: TemplateDiff): string[] {
  const found: string[] = []
  for (const r of diff.resources) {
    if (r.action === 'added') found.push(`+ ${r.logicalId} (${r.type})`)
    else if (r.action === 'removed') found.push(`- ${r.logicalId} (${r.type})`)
    else if (r.action === 'type-changed') found.push(`~ ${r.logicalId} type ${r.typeBefore} → ${r.type}`)
    else for (const c of r.changes ?? []) found.push(`~ ${r.logicalId} ${c.path}`)
  }
  for (const c of diff.sections) found.push(`~ ${c.path}`)
  return found
}

export function customTemplateNotes(
  module: string,
  templates: Partial<Record<TemplateName, string>>,
  shipped: Partial<Record<TemplateName, string>>,
): Note[] {
  const notes: Note[] = []
  for (const [name, own] of Object.entries(templates) as [TemplateName, string][]) {
    const original = shipped[name]
    if (original === undefined || original === own) continue
    const { templateDiff, unreadable } = compareTemplates(original, own)
    const named = templateDiff ? differences(templateDiff) : []
    const what = unreadable
      ? unreadable
      : named.length === 0
        ? 'comments or formatting only'
        : `${named.slice(0, MAX_NAMED).join('; ')}${named.length > MAX_NAMED ? `; and ${named.length - MAX_NAMED} more` : ''}`
    notes.push({
      module,
      level: named.length === 0 && !unreadable ? 'info' : 'warning',
      message: `template ${name}.yaml differs from the one shipped with org-baseline: ${what}`,
    })
  }
  return notes
}
