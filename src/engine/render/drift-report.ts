// The drift report: what moved out of band (AWS no longer matches what the tool made true) kept apart from
// what is pending because the config changed, each grouped by module with account and region.
import type { Change } from '../change.ts'
import type { Plan } from '../plan.ts'
import type { Style } from './style.ts'
import { renderChange } from './text.ts'

export interface DriftReport {
  format: 'org-baseline-drift'
  version: 1
  createdAt: string
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
    organization: plan.organization,
    drift: plan.changes.filter((c) => c.drift),
    changes: plan.changes.filter((c) => !c.drift),
    notes: plan.notes,
    errors: plan.errors,
  }
}

function section(title: string, changes: Change[], style: Style, render: (c: Change) => string[]): string[] {
  if (changes.length === 0) return []
  const lines = [style.bold(title)]
  for (const module of [...new Set(changes.map((c) => c.module))]) {
    lines.push(`  ${style.bold(module)}`)
    for (const change of changes.filter((c) => c.module === module))
      lines.push(...render(change).map((l) => `  ${l}`))
  }
  return [...lines, '']
}

export const driftSummary = (r: DriftReport) =>
  `Drift: ${r.drift.length} moved out of band, ${r.changes.length} pending from config changes.`

export function renderDriftText(report: DriftReport, style: Style): string {
  const lines = [
    style.bold(
      `Drift report for organization ${report.organization.id} (management account ${report.organization.managementAccountId})`,
    ),
    '',
    ...section('Moved out of band (drift)', report.drift, style, (c) => renderChange(c, style)),
    ...section('Pending because the config changed', report.changes, style, (c) => renderChange(c, style)),
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

export function renderDriftMarkdown(report: DriftReport): string {
  const row = (c: Change) =>
    `| \`${c.address}\` | ${c.module} | ${c.account ?? ''} | ${c.region ?? ''} | ${[c.reason, ...(c.weakens ?? []).map((w) => `⚠️ destructive: ${w}`)].join('<br>').replace(/\|/g, '\\|')} |`
  const table = (title: string, changes: Change[]) =>
    changes.length
      ? [
          `#### ${title}`,
          '',
          '| Address | Module | Account | Region | What |',
          '|---|---|---|---|---|',
          ...changes.map(row),
          '',
        ]
      : []
  return `${[
    `### org-baseline drift report`,
    '',
    `Organization \`${report.organization.id}\`. **${driftSummary(report)}**`,
    '',
    ...table('Moved out of band (drift)', report.drift),
    ...table('Pending because the config changed', report.changes),
    ...report.notes.map((n) => `- ${n.level === 'warning' ? '⚠️' : 'ℹ️'} **${n.module}**: ${n.message}`),
    ...report.errors.map((e) => `- ❌ **${e.module}**: ${e.message}`),
  ].join('\n')}\n`
}
