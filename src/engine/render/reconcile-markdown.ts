// `reconcile --format markdown`: the drift found, the repairs and what remains, under one comment cap
// across all three (each part capped alone could sum to three times the limit). The before-and-after
// summaries are never cut; tables are filled in order and the cut line names what was left out.
import type { ExecutionResult } from '../executor.ts'
import { type DriftReport, driftMarkdownParts, driftSummary } from './drift-report.ts'
import { fitMarkdown, MARKDOWN_LIMIT, type Section } from './markdown-cap.ts'
import { OUTCOME_TABLE_HEAD, outcomeRows, outcomeSummary } from './outcomes.ts'
import type { Directory } from './places.ts'

export interface ReconcileMarkdownOptions {
  directory?: Directory
  limit?: number
}

const pendingOf = (r: DriftReport) => r.drift.length + r.changes.length

export function renderReconcileMarkdown(
  before: DriftReport,
  result: ExecutionResult,
  after: DriftReport,
  options: ReconcileMarkdownOptions = {},
): string {
  const { directory, limit = MARKDOWN_LIMIT } = options
  const first = driftMarkdownParts(before, {
    title: 'org-baseline reconcile',
    ...(directory ? { directory } : {}),
  })
  const repairs: Section = {
    module: 'repairs',
    head: `#### Repairs\n\n**${outcomeSummary(result)}**\n\n${OUTCOME_TABLE_HEAD}`,
    entries: outcomeRows(result).map((row) => ({ full: `${row}\n`, brief: `${row}\n`, changes: 1 })),
    tail: '\n',
  }
  const last = driftMarkdownParts(after, { name: 'still ', ...(directory ? { directory } : {}) })
  const remains =
    // A module the last read could not observe is not known to match.
    pendingOf(after) === 0 && after.errors.length === 0
      ? '**Reconciled: the organization matches the baseline.**\n'
      : [
          '#### Still pending after this run',
          '',
          `**${driftSummary(after)}**`,
          ...after.errors.map((e) => `- ❌ **${e.module}**: ${e.message}`),
          '',
        ].join('\n')
  // What remains is listed after the repairs; its summary line always shows, as the footer.
  const remaining = last.sections.map((s) => ({ ...s, head: s.head.replace('#### ', '#### Still: ') }))
  return fitMarkdown(first.head, [...first.sections, repairs, ...remaining], `\n${remains}`, {
    seeAll: 'org-baseline drift --detail',
    limit,
  })
}
