// `apply`: plan, show, confirm, then make the changes in dependency order. A saved plan is applied only
// when a fresh plan of the organization still contains exactly its changes.
import { readFile } from 'node:fs/promises'
import { loadConfig } from '../config/load.ts'
import { fullyApplied, writeAppliedMarks } from '../engine/applied-marks.ts'
import { applyChanges } from '../engine/apply-changes.ts'
import { type Plan, parsePlan, planDifferences } from '../engine/plan.ts'
import { digestInputs, inputDifferences } from '../engine/plan-inputs.ts'
import { buildPlan } from '../engine/planner.ts'
import { renderOutcomes } from '../engine/render/outcomes.ts'
import { chooseStyle } from '../engine/render/style.ts'
import { StalePlanError, UsageError } from '../errors.ts'
import { MODULES } from '../modules/index.ts'
import { confirm } from './confirm.ts'
import { interruptedExitCode, rerunAdvice, withRunLease } from './held-run.ts'
import type { Io } from './io.ts'
import {
  AWS_HELP,
  AWS_OPTIONS,
  CONFIG_OPTION,
  duration,
  OUTPUT_OPTIONS,
  parseCommandArgs,
} from './options.ts'
import { renderPlan } from './plan.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const APPLY_HELP = `Usage: org-baseline apply [-c config/org.yaml] [--plan plan.json] [--yes] [--allow-destroy] [--only module,…]

Plans, shows the plan, asks for confirmation on a terminal (--yes elsewhere), then applies the changes
in dependency order. Destructive changes (delete, detach, deregister, disable) are held back unless
--allow-destroy is given. Exit 0 when everything planned was applied, 2 when changes were held back or
skipped, 1 when a change failed or on error.

  -c, --config FILE     the org config (default config/org.yaml)
  --plan FILE           apply this saved plan (from plan --out), only if it was made from the same config
                        (-c, never taken from the plan file), SCP files and templates, and the
                        organization still matches it
  --yes                 do not ask for confirmation
  --allow-destroy       also apply destructive changes
  --only MODULES        apply only these modules (comma-separated), e.g. --only scp,trusted-access
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

export async function applyCommand(argv: string[], io: Io): Promise<number> {
  const options = {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    plan: { type: 'string' },
    yes: { type: 'boolean' },
    'allow-destroy': { type: 'boolean' },
    only: { type: 'string' },
    'lock-wait': { type: 'string' },
  } as const
  const { values } = parseCommandArgs('apply', argv, options)
  if (values.help) {
    io.stdout.write(`${APPLY_HELP}\n`)
    return 0
  }
  const only = onlyModules(values.only as string | undefined)
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
        const { plan, context, appliedMarks, planned } = await buildPlan(
          baseline,
          session.aws,
          session.log,
          MODULES,
        )
        if (saved) {
          const moved = planDifferences(saved, plan)
          if (saved.organization.id !== plan.organization.id || moved.length > 0) {
            throw new StalePlanError(
              `the organization no longer matches ${values.plan}: ${moved.slice(0, 10).join(', ') || 'another organization'}${moved.length > 10 ? ` and ${moved.length - 10} more` : ''} — make a new plan`,
            )
          }
        }
        io.stdout.write(renderPlan(plan, 'text', io, Boolean(values['no-color'])))
        if (plan.errors.length > 0) {
          io.stderr.write('Nothing was applied: the plan has errors.\n')
          return 1
        }
        const selected = plan.changes.filter((c) => !only || only.has(c.module))
        const rootId = context.desired.org.rootId
        if (selected.length === 0) {
          io.stdout.write('Nothing to apply.\n')
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
          const { plan: again } = await buildPlan(baseline, session.aws, session.log, MODULES)
          const moved = planDifferences(plan, again)
          if (moved.length > 0) {
            throw new StalePlanError(
              `another run changed the organization while this apply waited for it (${moved.slice(0, 5).join(', ')}${moved.length > 5 ? ` and ${moved.length - 5} more` : ''}) — run apply again; nothing was changed`,
            )
          }
        }
        if (!(await confirm(io, `Apply ${selected.length} change(s)?`, Boolean(values.yes)))) {
          io.stdout.write('Apply cancelled; nothing was changed.\n')
          return 1
        }
        run.lock.check()
        const result = await applyChanges(selected, context, MODULES, {
          concurrency: session.concurrency,
          allowDestroy: Boolean(values['allow-destroy']),
          unavailable: plan.changes.filter((c) => !selected.includes(c)).map((c) => c.address),
          stop: run.stop,
        })
        io.stdout.write(renderOutcomes(result, style))
        const stopped = run.interrupted()
        if (stopped) {
          io.stdout.write(rerunAdvice('apply', stopped))
          return interruptedExitCode(stopped)
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
