// `reconcile`: the scheduled job. Takes the organization's run lock, reports drift, applies the repairs
// (non-destructive unless --allow-destroy) within --max-wait, then reports what remains. Every write is
// idempotent and re-checked, so a run stopped at any point is finished by the next one.
import { loadConfig } from '../config/load.ts'
import { fullyApplied, writeAppliedMarks } from '../engine/applied-marks.ts'
import { applyChanges } from '../engine/apply-changes.ts'
import type { ExecutionResult } from '../engine/executor.ts'
import { buildPlan } from '../engine/planner.ts'
import { type DriftReport, driftReport } from '../engine/render/drift-report.ts'
import { outcomeRecords, renderOutcomes } from '../engine/render/outcomes.ts'
import { directoryOf } from '../engine/render/places.ts'
import { renderReconcileMarkdown } from '../engine/render/reconcile-markdown.ts'
import { chooseStyle } from '../engine/render/style.ts'
import { MODULES } from '../modules/index.ts'
import { renderDrift } from './drift.ts'
import { interruptedExitCode, leaseLostAdvice, rerunAdvice, withRunLease } from './held-run.ts'
import type { Io } from './io.ts'
import {
  AWS_HELP,
  AWS_OPTIONS,
  CONFIG_OPTION,
  duration,
  OUTPUT_OPTIONS,
  oneOf,
  parseCommandArgs,
} from './options.ts'
import { FORMATS } from './plan.ts'
import { applyProgress, planProgress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const RECONCILE_HELP = `Usage: org-baseline reconcile [-c config/org.yaml] [--allow-destroy] [--max-wait 30m] [--lock-wait 0]
                            [--format text|json|markdown]

The scheduled job: drift (StackSet drift detection included), then apply the repairs and pending changes,
then a final report of what remains. Destructive repairs only with --allow-destroy. One run at a time per
organization, apply included (a two-minute lease on the organization root, renewed while the run lives and
released when it ends or is stopped); a second run waits --lock-wait, then stops naming the holder
("org-baseline unlock" releases a lease left by a run that is gone). SIGINT / SIGTERM: no new write
starts, the run says what was done and exits 130 / 143; a rerun finishes the job. Exit 0 when the organization matches the baseline at the end, 2 when something remains (held back,
skipped, still running), 1 on error or a failed change.

  -c, --config FILE     the org config (default config/org.yaml)
  --allow-destroy       also apply destructive repairs (delete, detach, deregister, disable)
  --max-wait DURATION   bound on the whole run, drift detection and StackSet waits included (default 30m)
  --lock-wait DURATION  how long to wait for another run to finish (default 0: stop at once)
  --format FORMAT       text (default); json (one document: counts, before, apply, after — keep it as the
                        run's record); markdown (the same for a job summary or comment)
${AWS_HELP}`

interface ReconcileRecord {
  format: 'org-baseline-reconcile'
  version: 1
  counts: {
    pendingBefore: number
    applied: number
    failed: number
    skipped: number
    heldBack: number
    pendingAfter: number
  }
  before: DriftReport
  apply: Omit<ExecutionResult, 'outcomes'> & {
    outcomes: { address: string; status: string; detail?: string }[]
  }
  after: DriftReport
}

const pending = (r: DriftReport) => r.drift.length + r.changes.length

export async function reconcileCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('reconcile', argv, {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    'allow-destroy': { type: 'boolean' },
    'max-wait': { type: 'string' },
    'lock-wait': { type: 'string' },
    format: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(`${RECONCILE_HELP}\n`)
    return 0
  }
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'text')
  const maxWait = duration('max-wait', values['max-wait'] as string | undefined, 30 * 60_000)
  const lockWait = duration('lock-wait', values['lock-wait'] as string | undefined, 0)
  const started = Date.now()
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  return withSession(values, io, baseline, (session) =>
    withRunLease(session, io, { command: 'reconcile', waitMs: lockWait, acquire: 'first' }, async (run) => {
      const style = chooseStyle(io.stdout, Boolean(values['no-color']))
      const noColor = Boolean(values['no-color'])
      const reading = planProgress(io.stderr)
      const {
        plan: first,
        context,
        appliedMarks,
        planned,
      } = await buildPlan(baseline, session.aws, session.log, MODULES, {
        // Drift detection gets a third of the budget; the rest is for the repairs.
        detectDriftUntil: started + Math.floor(maxWait / 3),
        deadline: started + maxWait,
        onProgress: reading.onProgress,
      }).finally(reading.done)
      const stoppedEarly = run.interrupted()
      if (stoppedEarly) {
        io.stdout.write(`Nothing was repaired.\n${rerunAdvice('reconcile', stoppedEarly)}`)
        return interruptedExitCode(stoppedEarly)
      }
      const before = driftReport(first)
      if (format === 'text') io.stdout.write(renderDrift(before, 'text', io, noColor))
      if (before.errors.length > 0) {
        io.stderr.write('Nothing was repaired: some modules could not be observed.\n')
        return 1
      }

      run.lock.check()
      const bar = applyProgress(io.stderr, first.changes.length)
      const result = await applyChanges(first.changes, context, MODULES, {
        concurrency: session.concurrency,
        allowDestroy: Boolean(values['allow-destroy']),
        stop: run.stop,
        confirmBeforeWrites: () => run.lock.confirm(),
        ...bar,
      }).finally(bar.done)
      if (format === 'text' && first.changes.length > 0)
        io.stdout.write(`\n${renderOutcomes(result, style)}\n`)
      const stopped = run.interrupted()
      if (stopped) {
        io.stdout.write(rerunAdvice('reconcile', stopped))
        return interruptedExitCode(stopped)
      }
      const lost = run.lock.lost()
      if (lost) {
        io.stdout.write(leaseLostAdvice('reconcile', lost))
        return 1
      }
      const marks = fullyApplied(planned, context.desired, result.outcomes)
      await writeAppliedMarks(session.aws, context.desired.org.rootId, appliedMarks, marks)

      const { plan: last } = await buildPlan(baseline, session.aws, session.log, MODULES, {
        onProgress: reading.onProgress,
      }).finally(reading.done)
      const after = driftReport(last)
      if (format === 'json') {
        const record: ReconcileRecord = {
          format: 'org-baseline-reconcile',
          version: 1,
          counts: {
            pendingBefore: pending(before),
            applied: result.applied,
            failed: result.failed,
            skipped: result.skipped,
            heldBack: result.heldBack,
            pendingAfter: pending(after),
          },
          before,
          apply: { ...result, outcomes: outcomeRecords(result) },
          after,
        }
        io.stdout.write(`${JSON.stringify(record, null, 2)}\n`)
      } else if (format === 'markdown') {
        io.stdout.write(
          renderReconcileMarkdown(before, result, after, {
            directory: directoryOf(context.desired.org.accounts),
          }),
        )
      } else {
        // A module the last read could not observe is not known to match: its error is shown, not "Reconciled".
        io.stdout.write(
          after.errors.length > 0
            ? `Not confirmed: some modules could not be observed after the repairs:\n${renderDrift(after, 'text', io, noColor)}`
            : pending(after) === 0
              ? 'Reconciled: the organization matches the baseline.\n'
              : `Still pending after this run:\n${renderDrift(after, 'text', io, noColor)}`,
        )
      }
      if (result.failed > 0 || after.errors.length > 0) return 1
      return pending(after) > 0 ? 2 : 0
    }),
  )
}
