// `audit-root`: the root user of every account — password, access keys, MFA — read concurrently within the
// concurrency budget, with progress on a terminal. Exit 0 when nothing needs doing, 2 when something does
// (a finding, or an account that could not be read), 1 on error.
import { existsSync } from 'node:fs'
import { loadConfig } from '../config/load.ts'
import { UsageError } from '../errors.ts'
import { observeOrganization } from '../modules/organization/observe.ts'
import { auditRoot, type RootPosture } from '../modules/root-access/audit.ts'
import { enabledRootFeatures } from '../modules/root-access/index.ts'
import type { Io } from './io.ts'
import { AWS_HELP, AWS_OPTIONS, CONFIG_OPTION, OUTPUT_OPTIONS, oneOf, parseCommandArgs } from './options.ts'
import { progress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const AUDIT_ROOT_HELP = `Usage: org-baseline audit-root [-c config/org.yaml] [--format text|json]

Reports for every account of the organization whether its root user has a password, access keys and MFA,
and what to do about each finding. The management account's root MFA cannot be set by any API: the report
says what a person must do. Exit 0 when nothing needs doing, 2 when something does, 1 on error.

  -c, --config FILE     the org config, for the member role name (optional; default config/org.yaml if present)
  --format FORMAT       text (default) or json
${AWS_HELP}`

const yesNo = (v: boolean | undefined) => (v === undefined ? '-' : v ? 'yes' : 'no')

function renderText(orgId: string, postures: RootPosture[]): string {
  const rows = postures.map((p) => [
    p.accountId,
    `${p.name}${p.management ? ' (management)' : ''}`,
    p.status === 'audited' ? yesNo(p.mfa) : p.status,
    yesNo(p.password),
    yesNo(p.accessKeys),
  ])
  const header = ['ACCOUNT', 'NAME', 'MFA', 'PASSWORD', 'ACCESS KEYS']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  const lines = [`Root user posture — organization ${orgId}, ${postures.length} accounts`, '', line(header)]
  lines.push(...rows.map(line), '')
  const findings = postures.flatMap((p) => p.findings.map((f) => `  ✗ ${p.accountId} ${p.name}: ${f}`))
  const unreachable = postures
    .filter((p) => p.status === 'unreachable')
    .map((p) => `  ? ${p.accountId} ${p.name}: not audited — ${p.error}`)
  if (findings.length + unreachable.length > 0) lines.push('Findings', ...findings, ...unreachable, '')
  lines.push(summaryOf(postures))
  return `${lines.join('\n')}\n`
}

function summaryOf(postures: RootPosture[]): string {
  const count = (s: RootPosture['status']) => postures.filter((p) => p.status === s).length
  const findings = postures.reduce((n, p) => n + p.findings.length, 0)
  return `Audit: ${count('audited')} audited, ${count('suspended')} suspended, ${count('unreachable')} unreachable, ${findings} findings.`
}

export async function auditRootCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs('audit-root', argv, {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    format: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(`${AUDIT_ROOT_HELP}\n`)
    return 0
  }
  if (positionals.length > 0)
    throw new UsageError(`audit-root takes no arguments (got ${positionals.join(' ')})`)
  const format = oneOf('format', values.format as string | undefined, ['text', 'json'] as const, 'text')
  const file = values.config as string | undefined
  const baseline = file || existsSync(DEFAULT_CONFIG) ? await loadConfig(file ?? DEFAULT_CONFIG) : undefined
  return withSession(values, io, baseline, async (session) => {
    // Root posture is per account: the management account's regions are not needed.
    const org = await observeOrganization(session.aws, { enabledRegions: false })
    const centralized = (await enabledRootFeatures(session.aws)).has('RootCredentialsManagement')
    const bar = progress(io.stderr, 'Auditing root users', org.accounts.length)
    const postures = await auditRoot(session.aws, org, {
      concurrency: session.concurrency,
      centralized,
      onAccount: (p) => bar.tick(p.status === 'unreachable'),
    })
    bar.done()
    if (format === 'json') {
      const summary = {
        audited: postures.filter((p) => p.status === 'audited').length,
        findings: postures.reduce((n, p) => n + p.findings.length, 0),
      }
      io.stdout.write(
        `${JSON.stringify({ organization: org.id, centralizedRootAccess: centralized, accounts: postures, summary }, null, 2)}\n`,
      )
    } else io.stdout.write(renderText(org.id, postures))
    const actionable = postures.some((p) => p.findings.length > 0 || p.status === 'unreachable')
    return actionable ? 2 : 0
  })
}
