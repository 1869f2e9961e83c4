// The drift report: what moved out of band (AWS no longer matches what the tool made true) kept apart from
// what is pending because the config changed, each grouped by module with account and region.
import type { Change } from '../change.ts'
import type { Plan } from '../plan.ts'
import { byModule, countChanges, type PlanCounts } from './counts.ts'
import { changesOf, foldPlan, planEntryOf } from './fold.ts'
import { type Entry, fitMarkdown, type Section } from './markdown-cap.ts'
import { foldNotes, linesWithin } from './notes.ts'
import { type Directory, regionsOf } from './places.ts'
import type { Style } from './style.ts'
import { renderChange, renderGroups } from './text.ts'

export interface DriftReport {
  format: 'org-baseline-drift'
  version: 1
  createdAt: string
  /** Of every change the report holds (`drift` counts those that moved out of band). */
  counts: PlanCounts
  organization: Plan['organization']
  drift: Change[]
  changes: Change[]
  notes: Plan['notes']
  errors: Plan['errors']
}

export function driftReport(plan: Plan): DriftReport {
  return {
    format: 'org-baseline-drift',
    version: 1,
    createdAt: plan.createdAt,
    counts: countChanges(plan.changes),
    organization: plan.organization,
    drift: plan.changes.filter((c) => c.drift),
    changes: plan.changes.filter((c) => !c.drift),
    notes: plan.notes,
    errors: plan.errors,
  }
}

export interface DriftTextOptions {
  /** Every change one by one with its value instead of grouped. */
  detail?: boolean
  directory?: Directory
}

function section(title: string, changes: Change[], style: Style, options: DriftTextOptions): string[] {
  if (changes.length === 0) return []
  const lines = [style.bold(title)]
  const allRegions = regionsOf(changes)
  for (const [module, list] of byModule(changes)) {
    lines.push(`  ${style.bold(module)}`)
    const rendered = options.detail
      ? list.flatMap((c) => renderChange(c, style))
      : renderGroups(foldPlan(list), style, options.directory, allRegions)
    lines.push(...rendered.map((l) => `  ${l}`))
  }
  return [...lines, '']
}

export const driftSummary = (r: DriftReport) =>
  `Drift: ${r.drift.length} moved out of band, ${r.changes.length} pending from config changes.`

export function renderDriftText(report: DriftReport, style: Style, options: DriftTextOptions = {}): string {
  const lines = [
    style.bold(
      `Drift report for organization ${report.organization.id} (management account ${report.organization.managementAccountId})`,
    ),
    '',
    ...section('Moved out of band (drift)', report.drift, style, options),
    ...section('Pending because the config changed', report.changes, style, options),
  ]
  if (report.drift.length + report.changes.length === 0)
    lines.push('No drift. The organization matches the baseline.', '')
  for (const note of report.notes)
    lines.push(`  ${note.level === 'warning' ? '!' : 'i'} ${note.module}: ${note.message}`)
  if (report.notes.length) lines.push('')
  for (const error of report.errors) lines.push(`  ✗ ${error.module}: ${error.message}`)
  if (report.errors.length) lines.push('')
  lines.push(style.bold(driftSummary(report)))
  return `${lines.join('\n')}\n`
}

/** The markdown report in parts: its head (summary, errors, notes) and one table per kind of change. */
export function driftMarkdownParts(
  report: DriftReport,
  options: { directory?: Directory; title?: string; name?: string } = {},
): { head: string; sections: Section[] } {
  const { directory, title = 'org-baseline drift report', name = '' } = options
  const allRegions = regionsOf([...report.drift, ...report.changes])
  const rows = (changes: Change[]): Entry[] =>
    [...byModule(changes)].flatMap(([module, list]) =>
      foldPlan(list).map((item) => {
        const e = planEntryOf(item, { directory, allRegions, maxNames: 100 })
        const where = [e.names ? `for ${e.names}` : '', e.places].filter(Boolean).join('; ')
        const what = [e.reason, ...e.weakens.map((w) => `⚠️ destructive: ${w}`)].join('<br>')
        const text = `| \`${e.symbol} ${e.address}\` | ${module} | ${where} | ${what.replace(/\|/g, '\\|')} |\n`
        return { full: text, brief: text, changes: changesOf(item).length }
      }),
    )
  const notes = linesWithin(
    foldNotes(report.notes).map(
      (n) => `- ${n.level === 'warning' ? '⚠️' : 'ℹ️'} **${n.modules.join(', ')}**: ${n.message}`,
    ),
  )
  const head = [
    `### ${title}`,
    '',
    `Organization \`${report.organization.id}\`. **${driftSummary(report)}**`,
    '',
    ...report.errors.map((e) => `- ❌ **${e.module}**: ${e.message}`),
    ...notes.shown,
    ...(notes.left > 0 ? ['', `${notes.left} more notes: \`--format json\` lists them all.`] : []),
    '',
  ]
  const sections = (
    [
      ['drift', 'Moved out of band (drift)', report.drift],
      ['pending', 'Pending because the config changed', report.changes],
    ] as const
  )
    .filter(([, , changes]) => changes.length > 0)
    .map(([id, heading, changes]) => ({
      module: `${name}${id}`,
      head: `#### ${heading}\n\n| Change | Module | Where | What |\n|---|---|---|---|\n`,
      entries: rows(changes),
      tail: '\n',
    }))
  return { head: `${head.join('\n')}\n`, sections }
}

/** One row per group of alike changes, under the comment cap (rows past it are counted in a last line). */
export function renderDriftMarkdown(report: DriftReport, directory?: Directory): string {
  const { head, sections } = driftMarkdownParts(report, directory ? { directory } : {})
  return fitMarkdown(head, sections, '', { seeAll: 'org-baseline drift --detail' })
}
