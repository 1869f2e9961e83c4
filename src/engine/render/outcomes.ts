// What apply did, change by change, then one summary line.
import type { ExecutionResult } from '../executor.ts'
import type { Style } from './style.ts'

export const outcomeSummary = (r: ExecutionResult) =>
  `Apply: ${r.applied} applied, ${r.failed} failed, ${r.skipped} skipped, ${r.heldBack} held back.`

export function renderOutcomes(result: ExecutionResult, style: Style): string {
  const lines: string[] = []
  for (const { change, outcome } of result.outcomes) {
    if (outcome.status === 'applied') lines.push(`  ${style.add('✓')} ${change.address}`)
    else if (outcome.status === 'failed') {
      const error = outcome.error as Error | undefined
      lines.push(`  ${style.destroy('✗')} ${change.address}: ${error?.message ?? String(outcome.error)}`)
    } else lines.push(`  ${style.warn('•')} ${change.address}: ${outcome.status} — ${outcome.reason}`)
  }
  lines.push(outcomeSummary(result))
  return `${lines.join('\n')}\n`
}

/** The outcomes as plain data for a JSON document: address, status, and why when not applied. */
export const outcomeRecords = (result: ExecutionResult) =>
  result.outcomes.map(({ change, outcome }) => ({
    address: change.address,
    status: outcome.status,
    ...(outcome.status === 'failed' ? { detail: (outcome.error as Error)?.message } : {}),
    ...(outcome.status === 'skipped' || outcome.status === 'held-back' ? { detail: outcome.reason } : {}),
  }))

/** One markdown table row per outcome. */
export const outcomeRows = (result: ExecutionResult) =>
  outcomeRecords(result).map(
    (o) => `| \`${o.address}\` | ${o.status} | ${(o.detail ?? '').replace(/\|/g, '\\|')} |`,
  )

export const OUTCOME_TABLE_HEAD = '| Change | Outcome | Detail |\n|---|---|---|\n'
