// The plan as a person reads it in a terminal. By default one screen: a summary of counts per module, then
// the changes grouped (the same change in 17 regions is one entry naming them) with `+ ~ - !`; `--detail`
// lists every change one by one with its full value. Both end with the line schedulers look for.
import type { Change } from '../change.ts'
import { type Plan, summarize, summaryLine } from '../plan.ts'
import { byModule, countChanges, countRows } from './counts.ts'
import { mustShow } from './entry.ts'
import { foldPlan, isFold, type PlanEntry, planEntryOf } from './fold.ts'
import { foldNotes } from './notes.ts'
import { type Directory, regionsOf } from './places.ts'
import { type Style, SYMBOL } from './style.ts'
import { compactValue, updateLines } from './value-diff.ts'

const where = (c: { account?: string; region?: string }) =>
  [c.account && `account ${c.account}`, c.region && `region ${c.region}`].filter(Boolean).join(', ')

function colourFor(change: Pick<Change, 'action' | 'destructive'>, style: Style) {
  if (change.action === 'delete' || change.destructive) return style.destroy
  return change.action === 'create' ? style.add : style.change
}

const tint = (style: Style) => (l: string) =>
  l.startsWith('+') ? style.add(l) : l.startsWith('-') ? style.destroy(l) : style.dim(l)

/** One change with its full value: the `--detail` view. */
export function renderChange(change: Change, style: Style): string[] {
  const colour = colourFor(change, style)
  const place = where(change)
  const tags = [change.drift ? 'drift' : '', change.destructive ? 'destructive' : ''].filter(Boolean)
  const head = `  ${colour(`${SYMBOL[change.action]} ${change.address}`)}${place ? style.dim(`  (${place})`) : ''}`
  const lines = [tags.length ? `${head} ${style.destroy(`[${tags.join(', ')}]`)}` : head]
  lines.push(`      ${change.reason}`)
  for (const w of change.weakens ?? []) lines.push(`      ${style.destroy(`! ${w}`)}`)
  const detail =
    change.action === 'update'
      ? updateLines(change).map(tint(style))
      : compactValue(change.action === 'create' ? change.after : change.before)
  lines.push(...detail.map((l) => `        ${l}`))
  return lines
}

export interface TextOptions {
  title?: string
  /** Every change one by one with its full value (today's view before grouping). */
  detail?: boolean
  directory?: Directory
}

/** Places this long go on their own line under the header. */
const INLINE_PLACES = 90

/**
 * Grouped entries of one module. Updates show their diff; a create's value is left to --detail, except
 * for destructive and drift entries, which show everything.
 */
export function renderGroups(
  entries: PlanEntry[],
  style: Style,
  directory: Directory | undefined,
  allRegions: ReadonlySet<string>,
): string[] {
  const lines: string[] = []
  for (const entry of entries) {
    const e = planEntryOf(entry, { directory, allRegions })
    const colour = colourFor(isFold(entry) ? { ...entry, destructive: false } : entry, style)
    // Names and places in the header while they are short, else each on a line of its own.
    const both = [e.names, e.places].filter(Boolean).join('; ')
    const namesInline = both.length <= INLINE_PLACES
    const placesInline = namesInline || e.places.length <= INLINE_PLACES
    const inline = namesInline ? both : placesInline ? e.places : ''
    const head = `  ${colour(`${e.symbol} ${e.address}`)}${inline ? style.dim(`  (${inline})`) : ''}`
    lines.push(e.tags.length ? `${head} ${style.destroy(`[${e.tags.join(', ')}]`)}` : head)
    if (e.names && !namesInline) lines.push(`      ${style.dim(`for ${e.names}`)}`)
    if (e.places && !placesInline) lines.push(`      ${style.dim(`in ${e.places}`)}`)
    lines.push(`      ${e.reason}`)
    for (const w of e.weakens) lines.push(`      ${style.destroy(`! ${w}`)}`)
    const showBody = entry.action === 'update' || (!isFold(entry) && mustShow(entry))
    if (showBody) lines.push(...e.body.map((l) => `        ${tint(style)(l)}`))
    for (const d of e.differences) {
      lines.push(`      ${style.dim(`in ${d.places} instead:`)}`)
      const shown = showBody ? d.lines : d.lines.slice(0, 1)
      lines.push(...shown.map((l) => `        ${tint(style)(l)}`))
    }
  }
  return lines
}

function summaryTable(plan: Plan, style: Style): string[] {
  const rows = countRows(countChanges(plan.changes))
  const widths = (rows[0] as string[]).map((_, i) => Math.max(...rows.map((r) => (r[i] as string).length)))
  return rows.map((r, n) => {
    const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
    const text = `  ${line.join('  ')}`
    return n === 0 || n === rows.length - 1 ? style.bold(text) : text
  })
}

export function renderText(plan: Plan, style: Style, options: TextOptions = {}): string {
  const { title = 'Plan', detail = false, directory } = options
  const lines: string[] = [
    style.bold(
      `${title} for organization ${plan.organization.id} (management account ${plan.organization.managementAccountId})`,
    ),
    '',
  ]
  if (!detail && plan.changes.length > 0) lines.push(...summaryTable(plan, style), '')
  const allRegions = regionsOf(plan.changes)
  let entries = 0
  for (const [module, changes] of byModule(plan.changes)) {
    lines.push(style.bold(module))
    if (detail) for (const change of changes) lines.push(...renderChange(change, style))
    else {
      const folded = foldPlan(changes)
      entries += folded.length
      lines.push(...renderGroups(folded, style, directory, allRegions))
    }
    lines.push('')
  }
  if (plan.changes.length === 0) lines.push('No changes. The organization matches the baseline.', '')
  if (plan.notes.length > 0) {
    lines.push(style.bold('Notes'))
    // --detail is today's full view: every note as its module made it.
    const notes = detail ? plan.notes.map((n) => ({ ...n, modules: [n.module] })) : foldNotes(plan.notes)
    for (const note of notes) {
      const marker = note.level === 'warning' ? style.warn('!') : style.dim('i')
      const place = where(note)
      lines.push(
        `  ${marker} ${note.modules.join(', ')}: ${note.message}${place ? style.dim(` (${place})`) : ''}`,
      )
    }
    lines.push('')
  }
  if (plan.errors.length > 0) {
    lines.push(style.destroy('Errors (these modules could not be observed; nothing will be applied)'))
    for (const error of plan.errors) lines.push(`  ${style.destroy('✗')} ${error.module}: ${error.message}`)
    lines.push('')
  }
  if (!detail && plan.changes.length > 0) {
    lines.push(
      style.dim(
        `${plan.changes.length} change(s) in ${entries} entries; plan --detail lists each one with its full value.`,
      ),
    )
  }
  lines.push(style.bold(summaryLine(summarize(plan.changes))))
  return `${lines.join('\n')}\n`
}
