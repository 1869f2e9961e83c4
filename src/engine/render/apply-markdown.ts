// `apply --format markdown`: what was to be applied and what came of it, under one comment cap for the
// whole (the plan capped alone plus an outcome table could pass GitHub's limit). Both summaries sit at the
// top and are never cut. Parts are kept in order of need: what was not applied (failed worst first), then
// the changes grouped as in the plan, then the applied ones, which the plan's entries already name.
import type { ExecutionResult } from '../executor.ts'
import type { Plan } from '../plan.ts'
import { planMarkdownParts } from './markdown.ts'
import { type CutWording, fitMarkdown, MARKDOWN_LIMIT, type Section } from './markdown-cap.ts'
import { OUTCOME_TABLE_HEAD, outcomeRows, outcomeSummary } from './outcomes.ts'
import type { Directory } from './places.ts'

export interface ApplyMarkdownOptions {
  directory?: Directory
  limit?: number
}

const WORST_FIRST = { failed: 0, 'held-back': 1, skipped: 2, applied: 3 } as const

const APPLY_WORDING: CutWording = {
  briefed: (sections) => `values of ${sections} are not shown`,
  unit: 'change(s)',
  summary: 'The summaries above count every change and outcome.',
  howToSee:
    'Run `org-baseline plan --detail` to see what is still pending; `apply --format json` records every outcome.',
}

/** `plan` holds the changes this run was to apply; without `result` nothing was applied. */
export function renderApplyMarkdown(
  plan: Plan,
  result: ExecutionResult | undefined,
  options: ApplyMarkdownOptions = {},
): string {
  const { directory, limit = MARKDOWN_LIMIT } = options
  const parts = planMarkdownParts(plan, {
    title: 'org-baseline apply',
    ...(directory ? { directory } : {}),
    ...(result ? { summaries: [`**${outcomeSummary(result)}**`] } : {}),
  })
  const outcomes = [...(result?.outcomes ?? [])].sort(
    (a, b) => WORST_FIRST[a.outcome.status] - WORST_FIRST[b.outcome.status],
  )
  const table = (module: string, heading: string, list: typeof outcomes): Section[] =>
    list.length === 0 || !result
      ? []
      : [
          {
            module,
            head: `#### ${heading}\n\n${OUTCOME_TABLE_HEAD}`,
            entries: outcomeRows({ ...result, outcomes: list }).map((row) => ({
              full: `${row}\n`,
              brief: `${row}\n`,
              changes: 1,
            })),
            tail: '\n',
          },
        ]
  const applied = outcomes.filter((o) => o.outcome.status === 'applied')
  const sections = [
    ...table('not applied', 'Not applied', outcomes.slice(0, outcomes.length - applied.length)),
    ...parts.sections,
    ...table('applied', 'Applied', applied),
  ]
  return fitMarkdown(parts.head, sections, parts.footer, {
    seeAll: 'org-baseline plan --detail',
    limit,
    wording: APPLY_WORDING,
  })
}
