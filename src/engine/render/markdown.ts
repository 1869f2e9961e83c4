// The plan as a pull-request comment that always fits: the summary table first, then one collapsible
// section per module with the changes grouped as in the text plan, values in ```diff blocks whose `+` / `-`
// lines GitHub colours, and a hard cap (markdown-cap.ts) that cuts whole entries and says what it left out.
import { type Plan, summarize, summaryLine } from '../plan.ts'
import { byModule, countChanges, countRows } from './counts.ts'
import { changesOf, foldPlan, isFold, planEntryOf } from './fold.ts'
import { type CutOptions, type Entry, fitMarkdown, type Section } from './markdown-cap.ts'
import { foldNotes, linesWithin } from './notes.ts'
import { type Directory, regionsOf } from './places.ts'

const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|')
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``

export interface MarkdownOptions {
  title?: string
  directory?: Directory
  limit?: number
  /** The command that shows every change, named in the cut line. */
  seeAll?: CutOptions['seeAll']
}

function table(plan: Plan): string[] {
  const [header, ...rows] = countRows(countChanges(plan.changes))
  const line = (r: string[]) => `| ${r.join(' | ')} |`
  return [
    line(header as string[]),
    `|---|${'--:|'.repeat((header as string[]).length - 1)}`,
    ...rows.map((r, i) => line(i === rows.length - 1 ? r.map((c) => `**${c}**`) : r)),
  ]
}

function sectionsOf(plan: Plan, directory?: Directory): Section[] {
  const allRegions = regionsOf(plan.changes)
  return [...byModule(plan.changes)].map(([module, changes]) => {
    const entries: Entry[] = foldPlan(changes).map((item) => {
      const e = planEntryOf(item, { directory, allRegions, maxNames: 100 })
      const count = changesOf(item).length
      const destructive = !isFold(item) && item.destructive
      const drift = !isFold(item) && item.drift
      const flags = [
        destructive ? '**destructive**' : '',
        drift ? '**drift**' : '',
        count > 1 ? `${count} changes` : '',
      ].filter(Boolean)
      const where = [e.names ? `for ${e.names}` : '', e.places ? `in ${e.places}` : ''].filter(Boolean)
      const head = [
        `- ${code(`${e.symbol} ${e.address}`)}${flags.length ? ` — ${flags.join(', ')}` : ''}${where.map((w) => ` — ${w}`).join('')}`,
        `  ${e.reason}`,
        ...e.weakens.map((w) => `  - ⚠️ ${w}`),
      ]
      const diff = (lines: string[]) =>
        lines.length ? ['  ```diff', ...lines.map((l) => `  ${l}`), '  ```'] : []
      const body = [
        ...diff(e.body),
        ...e.differences.flatMap((d) => [`  - in ${d.places} instead:`, ...diff(d.lines)]),
        ...(e.perName ?? []).flatMap((n) => [`  - ${code(n.name)}:`, ...diff(n.lines)]),
      ]
      const join = (lines: string[]) => `${lines.join('\n')}\n`
      return { full: join([...head, ...body]), brief: join(head), changes: count }
    })
    return {
      module,
      head: `<details><summary><b>${module}</b> — ${changes.length} change(s) in ${entries.length} entries</summary>\n\n`,
      entries,
      tail: '\n</details>\n\n',
    }
  })
}

export interface MarkdownParts {
  head: string
  sections: Section[]
  footer: string
}

/**
 * The plan's markdown before the cap: head (summary, table, errors), one section per module, notes.
 * `summaries` are lines shown under the plan's own summary (an apply's outcome), never cut.
 */
export function planMarkdownParts(
  plan: Plan,
  options: { title?: string; directory?: Directory; summaries?: string[] } = {},
): MarkdownParts {
  const { title = 'org-baseline plan', directory, summaries = [] } = options
  const head = [
    `### ${title}`,
    '',
    `Organization \`${plan.organization.id}\`, management account \`${plan.organization.managementAccountId}\`.`,
    '',
    `**${summaryLine(summarize(plan.changes))}**`,
    ...summaries.flatMap((s) => ['', s]),
    '',
    ...(plan.changes.length ? [...table(plan), ''] : []),
  ]
  if (plan.errors.length > 0) {
    head.push('#### Errors', '')
    for (const e of plan.errors) head.push(`- ❌ **${e.module}**: ${e.message}`)
    head.push('')
  }
  const footer: string[] = []
  if (plan.notes.length > 0) {
    footer.push('#### Notes', '', '| | Module | Note |', '|---|---|---|')
    const { shown, left } = linesWithin(
      foldNotes(plan.notes).map(
        (n) => `| ${n.level === 'warning' ? '⚠️' : 'ℹ️'} | ${n.modules.join(', ')} | ${cell(n.message)} |`,
      ),
    )
    footer.push(...shown)
    if (left > 0) footer.push('', `${left} more notes: \`--format json\` lists them all.`)
    footer.push('')
  }
  return {
    head: `${head.join('\n')}\n`,
    sections: sectionsOf(plan, directory),
    footer: footer.length ? `${footer.join('\n')}\n` : '',
  }
}

export function renderMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const { head, sections, footer } = planMarkdownParts(plan, options)
  return fitMarkdown(head, sections, footer, {
    seeAll: options.seeAll ?? 'org-baseline plan --detail',
    ...(options.limit ? { limit: options.limit } : {}),
  })
}
