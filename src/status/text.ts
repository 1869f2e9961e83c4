// `status` for a terminal or a log: the controls' totals, coverage by OU, the gaps with their reasons
// (each distinct reason once), and the checklist's verdicts.
import type { Style } from '../engine/render/style.ts'
import { tallyByOu } from './aggregate.ts'
import type { StatusReport } from './report.ts'

const MAX_GAPS = 40
const n = (value: number) => value.toLocaleString('en-US')

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? []
  return rows.map((r) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  )
}

const VERDICT_MARK = { pass: '✓ pass', fail: '✗ FAIL', warn: '! warn', unknown: '? unknown' } as const

export function renderStatusText(report: StatusReport, style: Style): string {
  const out: string[] = []
  const regions = report.regions.length
  out.push(
    style.bold(
      `Status — organization ${report.organization.id}: ${n(report.accounts.length)} accounts × ${regions} regions, ${report.controls.length} controls`,
    ),
    '',
  )
  const totals = report.controls.map((c) => {
    const t = report.counts[c.id] ?? {}
    const other = Object.entries(t)
      .filter(([s]) => !['covered', 'missing', 'failed', 'pending'].includes(s))
      .map(([s, v]) => `${n(v ?? 0)} ${s}`)
      .join(', ')
    return [c.label, n(t.covered ?? 0), n(t.pending ?? 0), n(t.missing ?? 0), n(t.failed ?? 0), other]
  })
  out.push(
    ...table([['CONTROL', 'COVERED', 'PENDING', 'MISSING', 'FAILED', 'OTHER'], ...totals]).map(
      (l) => `  ${l}`,
    ),
    '',
  )

  out.push(style.bold('Coverage by OU (covered / applicable cells)'))
  const ous = tallyByOu(report)
  const header = ['OU', 'ACCOUNTS', ...report.controls.map((c) => c.id)]
  const rows = ous.map((o) => [
    o.ou,
    n(o.accounts),
    ...report.controls.map((c) => {
      const t = o.byControl[c.id]
      if (!t || t.applicable === 0) return '-'
      return t.covered === t.applicable ? `✓ ${n(t.covered)}` : `${n(t.covered)}/${n(t.applicable)}`
    }),
  ])
  out.push(...table([header, ...rows]).map((l) => `  ${l}`), '')

  const gaps = report.gaps.filter((g) => !['exempt'].includes(g.status))
  if (gaps.length > 0) {
    out.push(style.bold(`Gaps and why (${n(gaps.length)})`))
    for (const gap of gaps.slice(0, MAX_GAPS)) {
      const where =
        gap.regions.length === 0
          ? ''
          : gap.regions.length === regions
            ? ' in every region'
            : ` in ${gap.regions.join(', ')}`
      const who =
        gap.accounts.length === 1
          ? `account ${nameOf(report, gap.accounts[0] ?? '')}`
          : `${n(gap.accounts.length)} accounts`
      out.push(`  ${gap.control} ${gap.status}: ${who}${where} — ${gap.reason}`)
    }
    if (gaps.length > MAX_GAPS)
      out.push(`  … ${n(gaps.length - MAX_GAPS)} more: status --format json or --html lists every gap`)
    out.push('')
  }

  for (const set of report.instances ?? []) {
    if (set.notCurrent.length + set.notRead.length === 0) continue
    out.push(
      style.bold(
        `Stack instances of ${set.stackSet} not current (${n(set.notCurrent.length)} of ${n(set.read)} read)`,
      ),
    )
    for (const i of set.notCurrent.slice(0, MAX_GAPS))
      out.push(
        `  ${i.account} ${i.region}: ${i.status}${i.detailedStatus ? ` / ${i.detailedStatus}` : ''}${i.drift === 'DRIFTED' ? ', DRIFTED' : ''}${i.reason ? ` — ${i.reason}` : ''}`,
      )
    if (set.notCurrent.length > MAX_GAPS)
      out.push(`  … ${n(set.notCurrent.length - MAX_GAPS)} more: status --format json lists every one`)
    for (const u of set.notRead)
      out.push(`  not read: ${n(u.accounts.length)} account(s) in ${u.regions.join(', ')} — ${u.reason}`)
    out.push('')
  }

  out.push(style.bold('Checklist'))
  for (const item of report.checklist) {
    out.push(`  ${VERDICT_MARK[item.verdict].padEnd(9)} ${item.title}`)
    for (const line of item.evidence) out.push(`            ${line}`)
  }
  for (const error of report.errors)
    out.push('', `error: ${error.module} could not be read: ${error.message}`)
  return `${out.join('\n')}\n`
}

function nameOf(report: StatusReport, id: string): string {
  const account = report.accounts.find((a) => a.id === id)
  return account ? `${account.name} (${id})` : id
}
