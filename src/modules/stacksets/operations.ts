// Running a StackSet operation to its end. AWS runs operations asynchronously, one at a time per stack set:
// the tool starts one, queues behind an operation already running (OperationInProgressException → wait for
// that one, then start), polls with backoff (1 s doubling to 15 s), stops waiting at `ctx.deadline` (the
// operation keeps running in AWS; a rerun finds it and waits), and reports failed instances per account and
// region with AWS's reason. Accounts that have not enabled an opt-in region fail there by design: those
// (told by the Account API, region-opt-in.ts) are reported as notes in the log, never as failures of the run.
import {
  type CloudFormationClient,
  DescribeStackSetOperationCommand,
  ListStackSetOperationsCommand,
  paginateListStackSetOperationResults,
} from '@aws-sdk/client-cloudformation'
import { type Clock, POLL_START_MS, pollUntil, REAL_CLOCK } from '../../aws/poll.ts'
import type { Context } from '../../engine/module.ts'
import { errorName, OrgBaselineError } from '../../errors.ts'
import type { StackSetAdmin } from './admin.ts'
import { ACTIVE_OPERATION } from './observe.ts'
import { settledFailedResults } from './operation-results.ts'
import { regionOptIn } from './region-opt-in.ts'

/** Operations the tool will queue behind before giving up (each is waited for in full). */
const MAX_QUEUE_WAITS = 10
/** The operation is still running at the deadline: nothing is wrong, a rerun waits for it. */
export class OperationStillRunning extends OrgBaselineError {
  constructor(
    readonly stackSet: string,
    readonly operationId: string,
    status: string,
  ) {
    super(
      'StillRunning',
      `stack set ${stackSet}: operation ${operationId} is still ${status} at the deadline — it keeps running in AWS; run apply again to wait for it and finish`,
    )
    this.name = 'OperationStillRunning'
  }
}

/** Instances failed (other than in regions their account has not enabled), or the operation failed or stopped. */
export class StackSetOperationFailed extends OrgBaselineError {
  constructor(
    message: string,
    readonly failures: { account: string; region: string; reason: string }[],
  ) {
    super('StackSetOperationFailed', message)
    this.name = 'StackSetOperationFailed'
  }
}

export interface OperationOutcome {
  operationId: string
  status: string
  /** Failures that are facts about accounts, not errors (opt-in regions not enabled). */
  regionNotEnabled: { account: string; region: string }[]
  /** Every failed instance, for callers that treat failures as findings (drift detection). */
  failed: { account: string; region: string; reason: string }[]
}

export interface RunOptions {
  stackSet: string
  /** Instances the operation covers, for the progress line. */
  total?: number
  /** Epoch ms; defaults to ctx.deadline. */
  deadline?: number
  /** Failed instances are findings (drift checks), not errors. */
  failuresAreFindings?: boolean
  /** Real time by default; tests pass a simulated clock. */
  clock?: Clock
}

/** Starts an operation (queuing behind a running one) and waits for its end. */
export async function runOperation(
  ctx: Context,
  admin: StackSetAdmin,
  start: () => Promise<string | undefined>,
  options: RunOptions,
): Promise<OperationOutcome> {
  const deadline = options.deadline ?? ctx.deadline
  const clock = options.clock ?? REAL_CLOCK
  let operationId: string | undefined
  for (let queued = 0; operationId === undefined; queued++) {
    try {
      operationId = await start()
    } catch (error) {
      // Another operation holds the stack set: wait for it to end rather than back off blindly.
      if (errorName(error) !== 'OperationInProgressException' || queued >= MAX_QUEUE_WAITS) throw error
      const running = await activeOperation(admin.reader, options.stackSet)
      ctx.log.info(
        { stackSet: options.stackSet, operationId: running?.id },
        'another operation is running on the stack set: waiting for it',
      )
      if (running) await waitFor(ctx, admin, options.stackSet, running.id, deadline, undefined, clock)
      else await clock.sleep(POLL_START_MS)
    }
  }
  if (!operationId)
    throw new OrgBaselineError('NoOperation', `${options.stackSet}: AWS returned no operation id`)
  const status = await waitFor(ctx, admin, options.stackSet, operationId, deadline, options.total, clock)
  return report(ctx, admin, options, operationId, status)
}

export async function activeOperation(
  client: CloudFormationClient,
  stackSet: string,
): Promise<{ id: string; status: string } | undefined> {
  const { Summaries } = await client.send(
    new ListStackSetOperationsCommand({ StackSetName: stackSet, MaxResults: 10 }),
  )
  const active = (Summaries ?? []).filter((s) => ACTIVE_OPERATION.has(s.Status ?? ''))
  // The oldest active one runs first; queued ones follow it.
  const running = active.find((s) => s.Status !== 'QUEUED') ?? active.at(-1)
  return running ? { id: running.OperationId ?? '', status: running.Status ?? '' } : undefined
}

/** Polls until the operation ends; returns its final status. */
export async function waitFor(
  ctx: Context,
  admin: StackSetAdmin,
  stackSet: string,
  operationId: string,
  deadline: number | undefined,
  total: number | undefined,
  clock: Clock = REAL_CLOCK,
): Promise<string> {
  const line = progressLine(stackSet, total)
  try {
    const read = async () => {
      const { StackSetOperation: op } = await admin.reader.send(
        new DescribeStackSetOperationCommand({ StackSetName: stackSet, OperationId: operationId }),
      )
      const status = op?.Status ?? 'UNKNOWN'
      // Counting done instances pages through the results (100 a page), so it is paid only on a terminal.
      const counts = line.visible ? await countResults(admin.reader, stackSet, operationId) : undefined
      line.draw(status, op?.StatusDetails?.FailedStackInstancesCount ?? 0, counts)
      ctx.log.debug({ stackSet, operationId, status }, 'stack set operation')
      return status
    }
    const { value, finished } = await pollUntil(read, (status) => !ACTIVE_OPERATION.has(status), {
      deadline,
      clock,
    })
    if (!finished) throw new OperationStillRunning(stackSet, operationId, value)
    return value
  } finally {
    line.done()
  }
}

async function report(
  ctx: Context,
  admin: StackSetAdmin,
  options: RunOptions,
  operationId: string,
  status: string,
): Promise<OperationOutcome> {
  const { StackSetOperation: op } = await admin.reader.send(
    new DescribeStackSetOperationCommand({ StackSetName: options.stackSet, OperationId: operationId }),
  )
  const failedCount = op?.StatusDetails?.FailedStackInstancesCount ?? 0
  // The summary's count is the truth; the results list may lag behind it (operation-results.ts).
  const { results, unlisted } =
    failedCount > 0 || status === 'FAILED'
      ? await settledFailedResults(admin.reader, options.stackSet, operationId, failedCount, options.clock)
      : { results: [], unlisted: 0 }
  const failed = results.map((r) => ({
    account: r.Account ?? '',
    region: r.Region ?? '',
    reason: r.StatusReason ?? '',
  }))
  if (unlisted > 0) {
    failed.push({
      account: 'unknown',
      region: 'unknown',
      reason: `${unlisted} more failed instance(s) that ListStackSetOperationResults did not list yet`,
    })
  }
  // Whether a failure is an opt-in region its account has not enabled comes from the Account API, not the reason.
  const optIn = await regionOptIn(ctx, failed)
  const off = (f: { account: string; region: string }) =>
    optIn.get(`${f.account}/${f.region}`) === 'not-enabled'
  const regionNotEnabled = failed.filter(off)
  const real = failed.filter((f) => !off(f))
  for (const region of new Set(regionNotEnabled.map((f) => f.region))) {
    const accounts = regionNotEnabled.filter((f) => f.region === region).map((f) => f.account)
    ctx.log.warn(
      { stackSet: options.stackSet, region, accounts: accounts.slice(0, 20), count: accounts.length },
      'accounts have not enabled this region: no instance there (not a failure)',
    )
  }
  const outcome = {
    operationId,
    status,
    regionNotEnabled: regionNotEnabled.map(({ account, region }) => ({ account, region })),
    failed,
  }
  if (options.failuresAreFindings && status !== 'STOPPED') return outcome
  if (real.length > 0 || status === 'FAILED' || status === 'STOPPED') {
    const listed = real
      .slice(0, 10)
      .map((f) => `${f.account} ${f.region}: ${f.reason}`)
      .join('; ')
    const more = real.length > 10 ? ` and ${real.length - 10} more` : ''
    const why = op?.StatusReason ? ` (${op.StatusReason})` : ''
    throw new StackSetOperationFailed(
      `stack set ${options.stackSet}: operation ${operationId} ${status}${why}${real.length > 0 ? ` — ${real.length} instance(s) failed: ${listed}${more}` : ''}`,
      real,
    )
  }
  return outcome
}

/** Result pages read per poll for the progress line: beyond 1,000 instances it shows "1000+". */
const PROGRESS_PAGES = 10

interface Counts {
  done: number
  total: number
  more: boolean
}

async function countResults(
  client: CloudFormationClient,
  stackSet: string,
  operationId: string,
): Promise<Counts> {
  const counts = { done: 0, total: 0, more: false }
  let pages = 0
  for await (const page of paginateListStackSetOperationResults(
    { client, pageSize: 100 },
    { StackSetName: stackSet, OperationId: operationId },
  )) {
    for (const r of page.Summaries ?? []) {
      counts.total++
      if (r.Status !== 'PENDING' && r.Status !== 'RUNNING') counts.done++
    }
    if (++pages >= PROGRESS_PAGES) {
      counts.more = Boolean(page.NextToken)
      break
    }
  }
  return counts
}

/** One line on a TTY (stderr): stack set, status, instances done / total, failures; nothing elsewhere. */
function progressLine(stackSet: string, total: number | undefined) {
  const stream = process.stderr
  let drawn = false
  const started = Date.now()
  return {
    visible: Boolean(stream.isTTY),
    draw(status: string, failed: number, counts?: Counts) {
      if (!stream.isTTY) return
      drawn = true
      const seconds = Math.round((Date.now() - started) / 1000)
      const of = counts ? `${counts.total}${counts.more ? '+' : ''}` : String(total ?? '?')
      const done = counts ? `${counts.done}/${of} instances, ` : ''
      stream.write(`\r${stackSet}: ${status.toLowerCase()}, ${done}${failed} failed, ${seconds}s   `)
    },
    done() {
      if (drawn) stream.write('\n')
    },
  }
}
