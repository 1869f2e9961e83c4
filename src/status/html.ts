// `status --html FILE`: one self-contained page — inline CSS and script, the report embedded as JSON, no
// network at all — with the summary, the checklist's verdicts and evidence, the matrix by OU (drawn in the
// browser from the embedded report, so 10,000 accounts stay a few megabytes) and the most common gaps.
import { STATUS_SCRIPT } from './html-script.ts'
import { STATUS_CSS } from './html-style.ts'
import { STATUSES, type StatusReport } from './report.ts'

const MAX_GAPS = 100

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  )
const n = (value: number) => value.toLocaleString('en-US')
/** JSON inside a script element: `<` escaped so no `</script>` in a name can end the element early. */
const embed = (report: StatusReport) => JSON.stringify(report).replace(/</g, '\\u003c')

function summary(report: StatusReport): string {
  const used = STATUSES.filter((s) => report.controls.some((c) => (report.counts[c.id]?.[s] ?? 0) > 0))
  const head = used.map((s) => `<th class="num"><span class="badge s-${s}">${s}</span></th>`).join('')
  const rows = report.controls
    .map((c) => {
      const cells = used
        .map((s) => {
          const v = report.counts[c.id]?.[s] ?? 0
          return `<td class="num" data-control="${c.id}" data-status="${s}">${v ? n(v) : ''}</td>`
        })
        .join('')
      const unit = c.scope === 'region' ? 'account × region' : 'account'
      return `<tr><td title="${escapeHtml(c.source)}">${escapeHtml(c.label)} <span class="muted">(per ${unit})</span></td>${cells}</tr>`
    })
    .join('\n')
  return `<table id="summary"><thead><tr><th>Control</th>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`
}

function checklist(report: StatusReport): string {
  const items = report.checklist
    .map(
      (item) =>
        `<li data-item="${item.id}" data-verdict="${item.verdict}"><span class="badge v-${item.verdict}">${item.verdict}</span> <strong>${escapeHtml(item.title)}</strong><ul>${item.evidence.map((e) => `<li>${escapeHtml(e)}</li>`).join('')}</ul></li>`,
    )
    .join('\n')
  return `<ul class="checklist">\n${items}\n</ul>`
}

function gaps(report: StatusReport): string {
  if (report.gaps.length === 0) return '<p>No gaps.</p>'
  const rows = report.gaps
    .slice(0, MAX_GAPS)
    .map((g) => {
      const where =
        g.regions.length === 0
          ? '—'
          : g.regions.length === report.regions.length
            ? 'every region'
            : g.regions.join(', ')
      return `<tr><td>${escapeHtml(g.control)}</td><td><span class="badge s-${g.status}">${g.status}</span></td><td class="num">${n(g.accounts.length)}</td><td>${escapeHtml(where)}</td><td>${escapeHtml(g.reason)}</td></tr>`
    })
    .join('\n')
  const more =
    report.gaps.length > MAX_GAPS
      ? `<p class="muted">${n(report.gaps.length - MAX_GAPS)} more: open an account in the matrix, or run status --format json.</p>`
      : ''
  return `<table id="gaps"><thead><tr><th>Control</th><th>Status</th><th class="num">Accounts</th><th>Regions</th><th>Reason</th></tr></thead><tbody>\n${rows}\n</tbody></table>${more}`
}

export function renderStatusHtml(report: StatusReport): string {
  const title = `Baseline status — ${report.organization.id}`
  const errors = report.errors
    .map((e) => `<p class="badge s-unknown">${escapeHtml(e.module)}: ${escapeHtml(e.message)}</p>`)
    .join('')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>${STATUS_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<div class="muted">${n(report.accounts.length)} accounts × ${report.regions.length} regions · ${report.controls.length} controls · management account ${escapeHtml(report.organization.managementAccountId)} · config ${escapeHtml(report.config)} · read ${escapeHtml(report.createdAt)}</div>
${errors}
</header>
<main>
<h2>Summary</h2>
${summary(report)}
<h2>Checklist</h2>
${checklist(report)}
<h2>Coverage by OU</h2>
<form id="filters" onsubmit="return false">
<label>Control<select id="f-control"></select></label>
<label>Region<select id="f-region"></select></label>
<label>Status<select id="f-status"></select></label>
<label>Account (name, id or OU)<input id="f-account" type="search" placeholder="e.g. Prod or 1234"></label>
</form>
<p id="shown" class="muted"></p>
<table id="matrix"></table>
<h2>Gaps and why</h2>
${gaps(report)}
</main>
<script type="application/json" id="report-data">${embed(report)}</script>
<script>${STATUS_SCRIPT}</script>
</body>
</html>
`
}
