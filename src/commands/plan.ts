// `plan`: observe the organization, print what apply would change. Exit 0 on success, 1 on error; with
// --detailed-exitcode (Terraform's), 2 when changes are pending.
import { writeFile } from 'node:fs/promises'
import { loadConfig } from '../config/load.ts'
import type { Plan } from '../engine/plan.ts'
import { buildPlan } from '../engine/planner.ts'
import { countChanges } from '../engine/render/counts.ts'
import { renderMarkdown } from '../engine/render/markdown.ts'
import { type Directory, directoryOf } from '../engine/render/places.ts'
import { chooseStyle } from '../engine/render/style.ts'
import { renderText } from '../engine/render/text.ts'
import { MODULES } from '../modules/index.ts'
import type { Io } from './io.ts'
import { AWS_HELP, AWS_OPTIONS, CONFIG_OPTION, OUTPUT_OPTIONS, oneOf, parseCommandArgs } from './options.ts'
import { planProgress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const PLAN_HELP = `Usage: org-baseline plan [-c config/org.yaml] [--format text|json|markdown] [--detail] [--out plan.json]

Reads the organization (never writes) and prints the changes apply would make: a summary per module, then
the changes grouped (the same change in 17 regions or 212 accounts is one entry naming them).
Exit 0 on success, 1 on error; with --detailed-exitcode, 0 only when the organization matches the baseline
and 2 when changes are pending (as terraform plan -detailed-exitcode).

  -c, --config FILE     the org config (default config/org.yaml)
  --format FORMAT       text (default), json (the plan document, every change, with counts), markdown (for a
                        pull-request comment: grouped, cut to fit GitHub's limit)
  --detail              list every change one by one with its full value instead of grouping them
  --out FILE            also save the plan as JSON, to review and apply later with apply --plan FILE
  --detailed-exitcode   exit 2 when changes are pending
${AWS_HELP}`

export const FORMATS = ['text', 'json', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

export interface RenderOptions {
  noColor: boolean
  detail?: boolean
  directory?: Directory
  title?: string
}

/** The plan document as JSON: every change, and the counts a scheduler or reviewer reads first. */
export const planJson = (plan: Plan) => {
  const { format, version, ...rest } = plan
  return `${JSON.stringify({ format, version, counts: countChanges(plan.changes), ...rest }, null, 2)}\n`
}

export function renderPlan(plan: Plan, format: Format, io: Io, options: RenderOptions): string {
  if (format === 'json') return planJson(plan)
  const { directory, title } = options
  if (format === 'markdown') return renderMarkdown(plan, { directory, ...(title ? { title } : {}) })
  return renderText(plan, chooseStyle(io.stdout, options.noColor), {
    detail: Boolean(options.detail),
    directory,
    ...(title ? { title } : {}),
  })
}

/** Pending changes are success (0) unless the caller asked for --detailed-exitcode. */
export const detailed = (code: number, asked: boolean) => (code === 2 && !asked ? 0 : code)

export const exitCodeOf = (plan: Plan) => (plan.errors.length > 0 ? 1 : plan.changes.length > 0 ? 2 : 0)

export async function planCommand(argv: string[], io: Io): Promise<number> {
  const options = {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    format: { type: 'string' },
    detail: { type: 'boolean' },
    out: { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
  } as const
  const { values } = parseCommandArgs('plan', argv, options)
  if (values.help) {
    io.stdout.write(`${PLAN_HELP}\n`)
    return 0
  }
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'text')
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  return withSession(values, io, baseline, async (session) => {
    const reading = planProgress(io.stderr)
    const { plan, context } = await buildPlan(baseline, session.aws, session.log, MODULES, {
      onProgress: reading.onProgress,
    }).finally(reading.done)
    io.stdout.write(
      renderPlan(plan, format, io, {
        noColor: Boolean(values['no-color']),
        detail: Boolean(values.detail),
        directory: directoryOf(context.desired.org.accounts),
      }),
    )
    if (values.out) await writeFile(values.out as string, planJson(plan))
    return detailed(exitCodeOf(plan), Boolean(values['detailed-exitcode']))
  })
}
