// The FAILED results of a stack set operation. ListStackSetOperationResults is eventually consistent: just
// after an operation ends it may list fewer results than the operation's own summary counts
// (DescribeStackSetOperation's FailedStackInstancesCount). They are re-read until the count matches; what
// is still missing after that is reported as failed-but-unlisted, never as clean.
import {
  type CloudFormationClient,
  paginateListStackSetOperationResults,
  type StackSetOperationResultSummary,
} from '@aws-sdk/client-cloudformation'
import { type Clock, pollUntil, REAL_CLOCK } from '../../aws/poll.ts'

/** Result pages read (100 each): beyond 1,000 failures the first thousand say enough. */
export const MAX_RESULT_PAGES = 10
/** How long lagging results are re-read before the missing ones are reported as unlisted. */
export const RESULTS_SETTLE_MS = 2 * 60_000

export async function failedResults(
  client: CloudFormationClient,
  stackSet: string,
  operationId: string,
): Promise<StackSetOperationResultSummary[]> {
  const out: StackSetOperationResultSummary[] = []
  let pages = 0
  for await (const page of paginateListStackSetOperationResults(
    { client, pageSize: 100 },
    {
      StackSetName: stackSet,
      OperationId: operationId,
      Filters: [{ Name: 'OPERATION_RESULT_STATUS', Values: 'FAILED' }],
    },
  )) {
    out.push(...(page.Summaries ?? []))
    if (++pages >= MAX_RESULT_PAGES) break
  }
  return out
}

export interface SettledResults {
  results: StackSetOperationResultSummary[]
  /** Failures the summary counts that the listing still did not show at the deadline. */
  unlisted: number
}

/** FAILED results, re-read until as many as `expected` (the operation's summary) are listed, or a deadline. */
export async function settledFailedResults(
  client: CloudFormationClient,
  stackSet: string,
  operationId: string,
  expected: number,
  clock: Clock = REAL_CLOCK,
): Promise<SettledResults> {
  const enough = Math.min(expected, MAX_RESULT_PAGES * 100)
  const { value } = await pollUntil(
    () => failedResults(client, stackSet, operationId),
    (results) => results.length >= enough,
    { readFirst: true, deadline: clock.now() + RESULTS_SETTLE_MS, clock },
  )
  return { results: value, unlisted: Math.max(0, enough - value.length) }
}
