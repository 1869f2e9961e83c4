// `drift`: observe everything (running StackSet drift detection first, within --max-wait) and report what
// moved out of band, apart from what the config changed. Exit 0 on success, 1 on error; with
// --detailed-exitcode, 2 when drift or changes are pending (the scheduled check, docs/architecture.md).
import { loadConfig } from '../config/load.ts'
import { buildPlan } from '../engine/planner.ts'
import {
  type DriftReport,
  type DriftTextOptions,
  driftReport,
  renderDriftMarkdown,
  renderDriftText,
} from '../engine/render/drift-report.ts'
import { directoryOf } from '../engine/render/places.ts'
import { chooseStyle } from '../engine/render/style.ts'
import { MODULES } from '../modules/index.ts'
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
import { detailed, FORMATS, type Format } from './plan.ts'
import { planProgress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const DRIFT_HELP = `Usage: org-baseline drift [-c config/org.yaml] [--format text|json|markdown] [--max-wait 10m]

Observes the organization, runs StackSet drift detection on the tool's stack sets, and reports what moved
out of band (drift) separately from what is pending because the config changed — per module, account and
region. Changes nothing. Exit 0 on success, 1 on error; with --detailed-exitcode, 2 when drift or changes
are pending — use it on a schedule, so a drifted organization fails the job.

  -c, --config FILE     the org config (default config/org.yaml)
  --format FORMAT       text (default, changes grouped), json (with counts) or markdown (cut to fit a comment)
  --detail              list every change one by one with its value instead of grouped
  --max-wait DURATION   how long drift detection may take (default 10m); what did not finish is named
  --detailed-exitcode   exit 2 when drift or changes are pending
${AWS_HELP}`

export function renderDrift(
  report: DriftReport,
  format: Format,
  io: Io,
  noColor: boolean,
  options: DriftTextOptions = {},
): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`
  if (format === 'markdown') return renderDriftMarkdown(report, options.directory)
  return renderDriftText(report, chooseStyle(io.stdout, noColor), options)
}

export const driftExitCode = (r: DriftReport) =>
  r.errors.length > 0 ? 1 : r.drift.length + r.changes.length > 0 ? 2 : 0

export async function driftCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('drift', argv, {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    format: { type: 'string' },
    detail: { type: 'boolean' },
    'max-wait': { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(`${DRIFT_HELP}\n`)
    return 0
  }
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'text')
  const maxWait = duration('max-wait', values['max-wait'] as string | undefined, 10 * 60_000)
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  return withSession(values, io, baseline, async (session) => {
    const reading = planProgress(io.stderr)
    const { plan, context } = await buildPlan(baseline, session.aws, session.log, MODULES, {
      detectDriftUntil: Date.now() + maxWait,
      onProgress: reading.onProgress,
    }).finally(reading.done)
    const report = driftReport(plan)
    io.stdout.write(
      renderDrift(report, format, io, Boolean(values['no-color']), {
        detail: Boolean(values.detail),
        directory: directoryOf(context.desired.org.accounts),
      }),
    )
    return detailed(driftExitCode(report), Boolean(values['detailed-exitcode']))
  })
}
