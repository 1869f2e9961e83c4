// The plan as a pull-request comment: a summary first, one collapsible section per module, diffs in
// fenced blocks so the review tool colours them.
import type { Change } from '../change.ts'
import { type Plan, summarize, summaryLine } from '../plan.ts'
import { SYMBOL } from './style.ts'
import { compactValue, updateLines } from './value-diff.ts'

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|')

function changeBlock(change: Change): string[] {
  const body =
    change.action === 'update'
      ? updateLines(change)
      : compactValue(change.action === 'create' ? change.after : change.before).map((l) => `  ${l}`)
  const flags = [change.destructive ? '**destructive**' : '', change.drift ? 'drift' : '']
    .filter(Boolean)
    .join(', ')
  return [
    `- \`${SYMBOL[change.action]} ${change.address}\`${flags ? ` — ${flags}` : ''}: ${change.reason}`,
    ...(change.weakens ?? []).map((w) => `  - ⚠️ ${w}`),
    ...(body.length ? ['', '  ```diff', ...body.map((l) => `  ${l}`), '  ```'] : []),
  ]
}

export function renderMarkdown(plan: Plan, title = 'org-baseline plan'): string {
  const summary = summaryLine(summarize(plan.changes))
  const lines = [
    `### ${title}`,
    '',
    `Organization \`${plan.organization.id}\`, management account \`${plan.organization.managementAccountId}\`.`,
    '',
    `**${summary}**`,
    '',
  ]
  const modules = [...new Set(plan.changes.map((c) => c.module))]
  for (const module of modules) {
    const changes = plan.changes.filter((c) => c.module === module)
    lines.push(`<details><summary><b>${module}</b> — ${changes.length} change(s)</summary>`, '')
    for (const change of changes) lines.push(...changeBlock(change))
    lines.push('', '</details>', '')
  }
  if (plan.notes.length > 0) {
    lines.push('#### Notes', '', '| | Module | Note |', '|---|---|---|')
    for (const n of plan.notes)
      lines.push(`| ${n.level === 'warning' ? '⚠️' : 'ℹ️'} | ${n.module} | ${cell(n.message)} |`)
    lines.push('')
  }
  if (plan.errors.length > 0) {
    lines.push('#### Errors', '')
    for (const e of plan.errors) lines.push(`- **${e.module}**: ${e.message}`)
    lines.push('')
  }
  return `${lines.join('\n')}\n`
}
