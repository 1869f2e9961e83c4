// `plan`: observe the organization, print what apply would change. Exit 0 on success, 1 on error; with
// --detailed-exitcode (Terraform's), 2 when changes are pending.
import { writeFile } from 'node:fs/promises'
import { loadConfig } from '../config/load.ts'
import type { Plan } from '../engine/plan.ts'
import { buildPlan } from '../engine/planner.ts'
import { renderMarkdown } from '../engine/render/markdown.ts'
import { chooseStyle } from '../engine/render/style.ts'
import { renderText } from '../engine/render/text.ts'
import { MODULES } from '../modules/index.ts'
import type { Io } from './io.ts'
import { AWS_HELP, AWS_OPTIONS, CONFIG_OPTION, OUTPUT_OPTIONS, oneOf, parseCommandArgs } from './options.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const PLAN_HELP = `Usage: org-baseline plan [-c config/org.yaml] [--format text|json|markdown] [--out plan.json]

Reads the organization (never writes) and prints the changes apply would make, grouped by module.
Exit 0 on success, 1 on error; with --detailed-exitcode, 0 only when the organization matches the baseline
and 2 when changes are pending (as terraform plan -detailed-exitcode).

  -c, --config FILE     the org config (default config/org.yaml)
  --format FORMAT       text (default), json (the plan document), markdown (for a pull-request comment)
  --out FILE            also save the plan as JSON, to review and apply later with apply --plan FILE
  --detailed-exitcode   exit 2 when changes are pending
${AWS_HELP}`

export const FORMATS = ['text', 'json', 'markdown'] as const
export type Format = (typeof FORMATS)[number]

export function renderPlan(plan: Plan, format: Format, io: Io, noColor: boolean): string {
  if (format === 'json') return `${JSON.stringify(plan, null, 2)}\n`
  if (format === 'markdown') return renderMarkdown(plan)
  return renderText(plan, chooseStyle(io.stdout, noColor))
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
    const { plan } = await buildPlan(baseline, session.aws, session.log, MODULES)
    io.stdout.write(renderPlan(plan, format, io, Boolean(values['no-color'])))
    if (values.out) await writeFile(values.out as string, `${JSON.stringify(plan, null, 2)}\n`)
    return detailed(exitCodeOf(plan), Boolean(values['detailed-exitcode']))
  })
}
