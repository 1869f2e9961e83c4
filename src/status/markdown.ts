// `status --format markdown`: the report as a pull-request comment or job summary that always fits — the
// controls' totals and the checklist's verdicts with their evidence first (never cut), then coverage by OU,
// the gaps with their reasons (widest first) and the stack instances that are not current, each in a
// `<details>` block, under the plan's hard cap (markdown-cap.ts), with a last line naming what was cut.
import { type CutWording, type Entry, fitMarkdown, type Section } from '../engine/render/markdown-cap.ts'
import { tallyByOu } from './aggregate.ts'
import type { Gap, StatusReport } from './report.ts'

const n = (value: number) => value.toLocaleString('en-US')
const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ')
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``

/** Accounts named in full under a gap; more are counted (JSON and HTML name every one). */
const MAX_NAMES = 30
const VERDICT = { pass: '✅ pass', fail: '❌ FAIL', warn: '⚠️ warn', unknown: '❔ unknown' } as const

const WORDING: CutWording = {
  briefed: (sections) => `the account names of ${sections} are not shown`,
  summary: 'The totals and the checklist above count every account and region.',
}

export interface StatusMarkdownOptions {
  limit?: number
}

function head(report: StatusReport): string {
  const lines = [
    '### org-baseline status',
    '',
    `Organization ${code(report.organization.id)}: ${n(report.accounts.length)} accounts × ${report.regions.length} regions, ${report.controls.length} controls. Read ${report.createdAt}.`,
    '',
    '| Control | Covered | Pending | Missing | Failed | Other |',
    '|---|--:|--:|--:|--:|---|',
  ]
  for (const c of report.controls) {
    const t = report.counts[c.id] ?? {}
    const other = Object.entries(t)
      .filter(([s, v]) => !['covered', 'missing', 'failed', 'pending'].includes(s) && (v ?? 0) > 0)
      .map(([s, v]) => `${n(v ?? 0)} ${s}`)
      .join(', ')
    lines.push(
      `| ${cell(c.label)} | ${n(t.covered ?? 0)} | ${n(t.pending ?? 0)} | ${n(t.missing ?? 0)} | ${n(t.failed ?? 0)} | ${other} |`,
    )
  }
  lines.push('', '#### Checklist', '')
  for (const item of report.checklist) {
    lines.push(`- ${VERDICT[item.verdict]} — **${cell(item.title)}**`)
    for (const line of item.evidence) lines.push(`  - ${cell(line)}`)
  }
  if (report.errors.length > 0) {
    lines.push('', '#### Not read', '')
    for (const e of report.errors) lines.push(`- ❌ **${e.module}**: ${cell(e.message)}`)
  }
  return `${lines.join('\n')}\n\n`
}

const details = (name: string, summary: string, entries: Entry[], table?: string): Section => ({
  module: name,
  head: `<details><summary><b>${summary}</b></summary>\n\n${table ?? ''}`,
  entries,
  tail: '\n</details>\n\n',
})

function gapEntry(report: StatusReport, gap: Gap, names: Map<string, string>): Entry {
  const where =
    gap.regions.length === 0
      ? ''
      : gap.regions.length === report.regions.length
        ? ' in every region'
        : ` in ${gap.regions.join(', ')}`
  const who =
    gap.accounts.length === 1
      ? `account ${names.get(gap.accounts[0] ?? '') ?? gap.accounts[0]}`
      : `${n(gap.accounts.length)} accounts`
  const brief = `- **${gap.control}** ${gap.status}: ${who}${where} — ${cell(gap.reason)}\n`
  if (gap.accounts.length === 1) return { full: brief, brief, changes: 1 }
  const shown = gap.accounts.slice(0, MAX_NAMES).map((id) => names.get(id) ?? id)
  const more = gap.accounts.length - shown.length
  const list = `  - ${cell(shown.join(', '))}${more > 0 ? `, and ${n(more)} more` : ''}\n`
  return { full: brief + list, brief, changes: 1 }
}

export function renderStatusMarkdown(report: StatusReport, options: StatusMarkdownOptions = {}): string {
  const names = new Map(report.accounts.map((a) => [a.id, `${a.name} (${a.id})`]))
  const sections: Section[] = []
  const ous = tallyByOu(report)
  const header = `| OU | Accounts | ${report.controls.map((c) => c.id).join(' | ')} |\n|---|--:|${'--:|'.repeat(report.controls.length)}\n`
  sections.push(
    details(
      'coverage by OU',
      `Coverage by OU (${n(ous.length)} OUs; covered / applicable cells)`,
      ous.map((o) => {
        const cells = report.controls.map((c) => {
          const t = o.byControl[c.id]
          if (!t || t.applicable === 0) return '–'
          return t.covered === t.applicable ? `✓ ${n(t.covered)}` : `${n(t.covered)}/${n(t.applicable)}`
        })
        const line = `| ${cell(o.ou)} | ${n(o.accounts)} | ${cells.join(' | ')} |\n`
        return { full: line, brief: line, changes: 1 }
      }),
      header,
    ),
  )
  // The widest gaps first: where a cut falls, what is left out concerns the fewest account-regions.
  const size = (g: Gap) => g.accounts.length * Math.max(1, g.regions.length)
  const gaps = report.gaps.filter((g) => g.status !== 'exempt').sort((a, b) => size(b) - size(a))
  if (gaps.length > 0)
    sections.push(
      details(
        'gaps',
        `Gaps and why (${n(gaps.length)})`,
        gaps.map((g) => gapEntry(report, g, names)),
      ),
    )
  for (const set of report.instances ?? []) {
    const rows = set.notCurrent.map((i) => {
      const line = `| ${i.account} | ${i.region} | ${i.status}${i.detailedStatus ? ` / ${i.detailedStatus}` : ''}${i.drift === 'DRIFTED' ? ', DRIFTED' : ''} | ${cell(i.reason ?? '')} |\n`
      return { full: line, brief: line, changes: 1 }
    })
    const unread = set.notRead.map((u) => {
      const line = `| ${u.accounts.length === 1 ? u.accounts[0] : `${n(u.accounts.length)} accounts`} | ${u.regions.join(', ')} | not read | ${cell(u.reason)} |\n`
      return { full: line, brief: line, changes: u.accounts.length }
    })
    if (rows.length + unread.length === 0) continue
    sections.push(
      details(
        set.stackSet,
        `Stack instances of ${set.stackSet} not current (${n(set.notCurrent.length)}${set.notRead.length ? `, some not read` : ''})`,
        [...rows, ...unread],
        '| Account | Region | Status | Reason |\n|---|---|---|---|\n',
      ),
    )
  }
  return fitMarkdown(head(report), sections, '', {
    seeAll: 'org-baseline status --html report.html',
    wording: WORDING,
    ...(options.limit ? { limit: options.limit } : {}),
  })
}
