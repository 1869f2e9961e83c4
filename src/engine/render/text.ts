// The plan as a person reads it in a terminal: changes grouped by module with + ~ -, before → after for
// updates, notes, and the one-line summary schedulers and people both look for.
import type { Change } from '../change.ts'
import { type Plan, summarize, summaryLine } from '../plan.ts'
import { type Style, SYMBOL } from './style.ts'
import { compactValue, updateLines } from './value-diff.ts'

const where = (c: { account?: string; region?: string }) =>
  [c.account && `account ${c.account}`, c.region && `region ${c.region}`].filter(Boolean).join(', ')

function colourFor(change: Change, style: Style) {
  if (change.action === 'delete' || change.destructive) return style.destroy
  return change.action === 'create' ? style.add : style.change
}

export function renderChange(change: Change, style: Style): string[] {
  const colour = colourFor(change, style)
  const place = where(change)
  const tags = [change.drift ? 'drift' : '', change.destructive ? 'destructive' : ''].filter(Boolean)
  const head = `  ${colour(`${SYMBOL[change.action]} ${change.address}`)}${place ? style.dim(`  (${place})`) : ''}`
  const lines = [tags.length ? `${head} ${style.destroy(`[${tags.join(', ')}]`)}` : head]
  lines.push(`      ${change.reason}`)
  for (const w of change.weakens ?? []) lines.push(`      ${style.destroy(`! ${w}`)}`)
  const tint = (l: string) =>
    l.startsWith('+') ? style.add(l) : l.startsWith('-') ? style.destroy(l) : style.dim(l)
  const detail =
    change.action === 'update'
      ? updateLines(change).map(tint)
      : compactValue(change.action === 'create' ? change.after : change.before)
  lines.push(...detail.map((l) => `        ${l}`))
  return lines
}

export function renderText(plan: Plan, style: Style, title = 'Plan'): string {
  const lines: string[] = [
    style.bold(
      `${title} for organization ${plan.organization.id} (management account ${plan.organization.managementAccountId})`,
    ),
    '',
  ]
  const modules = [...new Set(plan.changes.map((c) => c.module))]
  for (const module of modules) {
    lines.push(style.bold(module))
    for (const change of plan.changes.filter((c) => c.module === module))
      lines.push(...renderChange(change, style))
    lines.push('')
  }
  if (plan.changes.length === 0) lines.push('No changes. The organization matches the baseline.', '')
  if (plan.notes.length > 0) {
    lines.push(style.bold('Notes'))
    for (const note of plan.notes) {
      const marker = note.level === 'warning' ? style.warn('!') : style.dim('i')
      const place = where(note)
      lines.push(`  ${marker} ${note.module}: ${note.message}${place ? style.dim(` (${place})`) : ''}`)
    }
    lines.push('')
  }
  if (plan.errors.length > 0) {
    lines.push(style.destroy('Errors (these modules could not be observed; nothing will be applied)'))
    for (const error of plan.errors) lines.push(`  ${style.destroy('✗')} ${error.module}: ${error.message}`)
    lines.push('')
  }
  lines.push(style.bold(summaryLine(summarize(plan.changes))))
  return `${lines.join('\n')}\n`
}
