// `apply`: plan, show, confirm, then make the changes in dependency order. A saved plan is applied only
// when a fresh plan of the organization still contains exactly its changes.
import { readFile } from 'node:fs/promises'
import { loadConfig } from '../config/load.ts'
import { fullyApplied, writeAppliedMarks } from '../engine/applied-marks.ts'
import { applyChanges } from '../engine/apply-changes.ts'
import { type Change, isDestructive } from '../engine/change.ts'
import type { ExecutionResult } from '../engine/executor.ts'
import { type Plan, parsePlan, planDifferences } from '../engine/plan.ts'
import { digestInputs, inputDifferences } from '../engine/plan-inputs.ts'
import { buildPlan } from '../engine/planner.ts'
import { renderApplyMarkdown } from '../engine/render/apply-markdown.ts'
import { countChanges } from '../engine/render/counts.ts'
import { outcomeRecords, renderOutcomes } from '../engine/render/outcomes.ts'
import { type Directory, directoryOf } from '../engine/render/places.ts'
import { chooseStyle, SYMBOL } from '../engine/render/style.ts'
import { StalePlanError, UsageError } from '../errors.ts'
import { MODULES, withDependencies } from '../modules/index.ts'
import { withMemberRole } from '../modules/stacksets/member-role.ts'
import { confirm } from './confirm.ts'
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
import { FORMATS, type Format, renderPlan } from './plan.ts'
import { applyProgress, planProgress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const APPLY_HELP = `Usage: org-baseline apply [-c config/org.yaml] [--plan plan.json] [--yes] [--allow-destroy] [--only module,…]
                        [--format text|json|markdown] [--detail]

Plans, lists exactly the changes it will make (after --only; destructive ones held back are named apart),
asks for confirmation on a terminal (--yes elsewhere), then applies them in dependency order. Destructive changes (delete, detach, deregister, disable) are held back unless
--allow-destroy is given. Exit 0 when everything planned was applied, 2 when changes were held back or
skipped, 1 when a change failed or on error.

  -c, --config FILE     the org config (default config/org.yaml)
  --plan FILE           apply this saved plan (from plan --out), only if it was made from the same config
                        (-c, never taken from the plan file), SCP files and templates, and the
                        organization still matches it
  --yes                 do not ask for confirmation
  --allow-destroy       also apply destructive changes
  --only MODULES        apply only these modules (comma-separated), e.g. --only scp,trusted-access;
                        only they and the modules they depend on are read, and the member role's
                        stack set comes along when their changes act through it
  --format FORMAT       text (default); json (one document: counts, the changes, outcomes) or markdown —
                        with these the list before the question goes to stderr
  --detail              list the changes one by one with their values instead of grouped
  --lock-wait DURATION  how long to wait while another apply or reconcile holds the organization
                        (default 0: stop at once, naming the holder)

One writing run at a time per organization: apply holds the same lease on the organization root as
reconcile. SIGINT / SIGTERM: no new write starts, the run says what was applied and what was not, and
exits 130 / 143; applying again finishes the job.
${AWS_HELP}`

function onlyModules(value: string | undefined): Set<string> | undefined {
  if (value === undefined) return undefined
  const names = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
  const known = new Set(MODULES.map((m) => m.name))
  const unknown = names.filter((n) => !known.has(n))
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(
      `--only: unknown module ${unknown.join(', ') || '(none given)'} — modules are ${[...known].join(', ')}`,
    )
  }
  return new Set(names)
}

/** What the plan holds but this run will not apply, so the list above reads as exactly what will be. */
function notAppliedLines(all: Change[], selected: Change[], toApply: Change[], only?: Set<string>): string {
  const lines: string[] = []
  const unselected = all.length - selected.length
  if (only && unselected > 0) {
    const modules = [...new Set(all.filter((c) => !only.has(c.module)).map((c) => c.module))]
    lines.push(
      `Not applied (--only ${[...only].join(',')}): ${unselected} change(s) of ${modules.join(', ')}.`,
    )
  }
  const held = selected.filter((c) => !toApply.includes(c))
  if (held.length > 0) {
    lines.push(`Held back (destructive; --allow-destroy applies them): ${held.length} change(s):`)
    lines.push(...held.map((c) => `  ${SYMBOL[c.action]} ${c.address}`))
  }
  return lines.length ? `${lines.join('\n')}\n` : ''
}

/** The json / markdown record of an apply: counts and changes of what was to be applied, and outcomes. */
function renderApplied(
  format: Format,
  plan: Plan,
  toApply: Change[],
  result?: ExecutionResult,
  directory?: Directory,
): string {
  if (format === 'markdown') {
    return renderApplyMarkdown({ ...plan, changes: toApply }, result, directory ? { directory } : {})
  }
  const record = {
    format: 'org-baseline-apply',
    version: 1,
    counts: countChanges(toApply),
    organization: plan.organization,
    changes: toApply,
    ...(result
      ? {
          result: {
            applied: result.applied,
            failed: result.failed,
            skipped: result.skipped,
            heldBack: result.heldBack,
          },
          outcomes: outcomeRecords(result),
        }
      : {}),
  }
  return `${JSON.stringify(record, null, 2)}\n`
}

export async function applyCommand(argv: string[], io: Io): Promise<number> {
  const options = {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    plan: { type: 'string' },
    yes: { type: 'boolean' },
    'allow-destroy': { type: 'boolean' },
    only: { type: 'string' },
    format: { type: 'string' },
    detail: { type: 'boolean' },
    'lock-wait': { type: 'string' },
  } as const
  const { values } = parseCommandArgs('apply', argv, options)
  if (values.help) {
    io.stdout.write(`${APPLY_HELP}\n`)
    return 0
  }
  const only = onlyModules(values.only as string | undefined)
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'text')
  const saved: Plan | undefined = values.plan
    ? parsePlan(await readFile(values.plan as string, 'utf8'), values.plan as string)
    : undefined
  // The config comes from -c (or the default), never from the plan file: a swapped plan must not choose it.
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  if (saved) {
    const differing = inputDifferences(saved.inputs, await digestInputs(baseline))
    if (differing.length > 0) {
      throw new UsageError(
        `${values.plan} was made from other inputs than ${baseline.file}: ${differing.join(', ')} differ — make a new plan from these inputs, or apply with the inputs the plan was made from (it names its config: ${saved.config})`,
      )
    }
  }
  const lockWait = duration('lock-wait', values['lock-wait'] as string | undefined, 0)
  return withSession(values, io, baseline, (session) =>
    withRunLease(
      session,
      io,
      { command: 'apply', waitMs: lockWait, acquire: 'when-writing' },
      async (run) => {
        const style = chooseStyle(io.stdout, Boolean(values['no-color']))
        const reading = planProgress(io.stderr)
        const makePlan = () =>
          buildPlan(baseline, session.aws, session.log, MODULES, {
            ...(only ? { modules: withDependencies(only) } : {}),
            onProgress: reading.onProgress,
          }).finally(reading.done)
        const { plan, context, appliedMarks, planned } = await makePlan()
        if (saved) {
          const moved = planDifferences(saved, plan)
          if (saved.organization.id !== plan.organization.id || moved.length > 0) {
            throw new StalePlanError(
              `the organization no longer matches ${values.plan}: ${moved.slice(0, 10).join(', ') || 'another organization'}${moved.length > 10 ? ` and ${moved.length - 10} more` : ''} — make a new plan`,
            )
          }
        }
        // What is shown is exactly what will be applied: --only's selection, minus held-back destructive ones.
        const selected = only
          ? withMemberRole(
              plan.changes.filter((c) => only.has(c.module)),
              plan.changes,
            )
          : plan.changes
        const allowDestroy = Boolean(values['allow-destroy'])
        const toApply = selected.filter((c) => allowDestroy || !isDestructive(c))
        const listing = format === 'text' ? io.stdout : io.stderr
        const directory = directoryOf(context.desired.org.accounts)
        listing.write(
          renderPlan(
            { ...plan, changes: toApply },
            'text',
            { ...io, stdout: listing },
            {
              noColor: Boolean(values['no-color']),
              detail: Boolean(values.detail),
              directory,
              title: 'Apply',
            },
          ),
        )
        listing.write(notAppliedLines(plan.changes, selected, toApply, only))
        if (plan.errors.length > 0) {
          io.stderr.write('Nothing was applied: the plan has errors.\n')
          return 1
        }
        const rootId = context.desired.org.rootId
        if (selected.length === 0) {
          listing.write('Nothing to apply.\n')
          if (format !== 'text') io.stdout.write(renderApplied(format, plan, toApply, undefined, directory))
          await writeAppliedMarks(
            session.aws,
            rootId,
            appliedMarks,
            fullyApplied(planned, context.desired, [], only),
          )
          return 0
        }
        // The lease is taken only once there is something to write (a refused plan touches nothing). A plan made
        // while another run held the organization is made again after it: applied only if nothing moved.
        if (await run.acquire()) {
          const { plan: again } = await makePlan()
          const moved = planDifferences(plan, again)
          if (moved.length > 0) {
            throw new StalePlanError(
              `another run changed the organization while this apply waited for it (${moved.slice(0, 5).join(', ')}${moved.length > 5 ? ` and ${moved.length - 5} more` : ''}) — run apply again; nothing was changed`,
            )
          }
        }
        if (
          toApply.length > 0 &&
          !(await confirm(
            { ...io, stdout: listing },
            `Apply ${toApply.length} change(s)?`,
            Boolean(values.yes),
          ))
        ) {
          listing.write('Apply cancelled; nothing was changed.\n')
          return 1
        }
        run.lock.check()
        const bar = applyProgress(io.stderr, toApply.length)
        const result = await applyChanges(selected, context, MODULES, {
          concurrency: session.concurrency,
          allowDestroy,
          unavailable: plan.changes.filter((c) => !selected.includes(c)).map((c) => c.address),
          stop: run.stop,
          confirmBeforeWrites: () => run.lock.confirm(),
          ...bar,
        }).finally(bar.done)
        io.stdout.write(
          format === 'text'
            ? renderOutcomes(result, style)
            : renderApplied(format, plan, toApply, result, directory),
        )
        const stopped = run.interrupted()
        if (stopped) {
          listing.write(rerunAdvice('apply', stopped))
          return interruptedExitCode(stopped)
        }
        const lost = run.lock.lost()
        if (lost) {
          listing.write(leaseLostAdvice('apply', lost))
          return 1
        }
        await writeAppliedMarks(
          session.aws,
          rootId,
          appliedMarks,
          fullyApplied(planned, context.desired, result.outcomes, only),
        )
        if (result.failed > 0) return 1
        return result.skipped + result.heldBack > 0 ? 2 : 0
      },
    ),
  )
}
