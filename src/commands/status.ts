// `status` (also `report`): what the organization is now — every control for every account and region,
// with the reason for each gap — from one read-only pass. Text (by OU), JSON, and a self-contained HTML file.
import { writeFile } from 'node:fs/promises'
import { loadConfig } from '../config/load.ts'
import { chooseStyle } from '../engine/render/style.ts'
import { UsageError } from '../errors.ts'
import { buildStatus } from '../status/coverage.ts'
import { renderStatusHtml } from '../status/html.ts'
import { renderStatusMarkdown } from '../status/markdown.ts'
import { observeStatus } from '../status/observe.ts'
import { renderStatusText } from '../status/text.ts'
import type { Io } from './io.ts'
import { AWS_HELP, AWS_OPTIONS, CONFIG_OPTION, OUTPUT_OPTIONS, oneOf, parseCommandArgs } from './options.ts'
import { progress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const STATUS_HELP = `Usage: org-baseline status [-c config/org.yaml] [--format text|json|markdown] [--html FILE] [--root]
       (also: org-baseline report)

Reads the organization (never writes, plans nothing) and reports, for every control of the baseline, which
accounts and regions have it and why the others do not: SCPs in effect, Config recording, the root activity
alert rule (stack set instances and their status), the trail, GuardDuty membership, Security Hub (the
policy associated with each account, or under local configuration its membership) and its standards, and
with --root the root users' credentials. Then the checklist: root MFA, root alert, trails with retention,
Security Hub aggregation and standards, GuardDuty and Config everywhere, who responds. Exit 0 when the
report was made (whatever it says), 1 on error.

  -c, --config FILE     the org config (default config/org.yaml)
  --format FORMAT       text (default: summary by OU, gaps and checklist), json (every cell) or markdown
                        (a pull-request comment or job summary, always under 65,000 characters)
  --html FILE           also write the report as one self-contained HTML file (no network needed to view it)
  --root                also read every account's root user (one IAM GetAccountSummary per account)
  --member-standards    under Security Hub local configuration, also read each member's enabled standards in
                        the account (one GetEnabledStandards per member and region: the administrator cannot)
${AWS_HELP}`

export async function statusCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('status', argv, {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    format: { type: 'string' },
    html: { type: 'string' },
    root: { type: 'boolean' },
    'member-standards': { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(`${STATUS_HELP}\n`)
    return 0
  }
  if (positionals.length > 0) throw new UsageError(`status takes no arguments (got ${positionals.join(' ')})`)
  const format = oneOf(
    'format',
    values.format as string | undefined,
    ['text', 'json', 'markdown'] as const,
    'text',
  )
  const root = Boolean(values.root)
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  return withSession(values, io, baseline, async (session) => {
    const bar = progress(io.stderr, 'Reading the organization', 0)
    const inputs = await observeStatus(baseline, session.aws, session.log, {
      concurrency: session.concurrency,
      root,
      memberStandards: Boolean(values['member-standards']),
      onProgress: (done, total) => bar.set(done, total),
    })
    bar.done()
    const report = buildStatus(inputs, { root })
    if (values.html) await writeFile(values.html as string, renderStatusHtml(report))
    io.stdout.write(
      format === 'json'
        ? `${JSON.stringify(report, null, 2)}\n`
        : format === 'markdown'
          ? renderStatusMarkdown(report)
          : renderStatusText(report, chooseStyle(io.stdout, Boolean(values['no-color']))),
    )
    return report.errors.length > 0 ? 1 : 0
  })
}
