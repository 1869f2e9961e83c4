// `onboard <account>`: brings one new or newly invited account under the baseline and proves it — checks
// it is active, moves it to an OU when asked, waits for the auto-deployed stack instances, then verifies
// every control in every target region. Exit 0 only when every control holds, 2 when something is
// missing, 1 on error.
import { MoveAccountCommand } from '@aws-sdk/client-organizations'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import { loadConfig } from '../config/load.ts'
import { type Desired, resolveDesired } from '../engine/desired.ts'
import type { Context } from '../engine/module.ts'
import { UsageError } from '../errors.ts'
import {
  type CheckResult,
  checkConfigRecording,
  checkGuardDuty,
  checkRootAlert,
  checkRootCredentials,
  checkRootScp,
  checkSecurityHub,
  checkTrail,
  inheritanceChain,
} from '../modules/onboarding/checks.ts'
import { instanceChecks, waitForInstances } from '../modules/onboarding/stack-instances.ts'
import { needsEnabledRegions, observeOrganization } from '../modules/organization/observe.ts'
import { type OrgAccount, ROOT_PATH } from '../modules/organization/snapshot.ts'
import { stackSetTargets } from '../modules/stacksets/targets.ts'
import { confirm } from './confirm.ts'
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
import { progress } from './progress.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const ONBOARD_HELP = `Usage: org-baseline onboard <account> [--ou PATH] [-c config/org.yaml] [--max-wait 30m] [--format text|json|markdown]

Brings one account (name or id) under the baseline and verifies it: checks it is active, moves it to the
OU given with --ou, waits for the stack instances StackSets deploys to it automatically, then checks every
control in every target region — the root SCP, Config recording, GuardDuty and Security Hub membership,
the trail, the root activity alert, the root credentials. Prints a checklist; exit 0 only when complete.

  --ou PATH             move the account to this OU first (e.g. Workloads/Prod); a move to an OU outside
                        the deployment targets is confirmed first
  -y, --yes             confirm such a move without asking (required when not on a terminal)
  -c, --config FILE     the org config (default config/org.yaml)
  --max-wait DURATION   how long to wait for the stack instances (default 30m)
  --format FORMAT       text (default), json (with counts) or markdown
${AWS_HELP}`

/** Why an OU is outside the deployment targets (what the targets are), or undefined when covered. */
function outsideTargets(desired: Desired, ouId: string): string | undefined {
  const targets = stackSetTargets(desired)
  const parents = new Map(desired.org.units.map((u) => [u.id, u.parentId]))
  for (let id: string | undefined = ouId; id; id = parents.get(id)) {
    if (targets.ous.includes(id)) return undefined
  }
  const excluded = desired.excludedOus.map((o) => o.label)
  return `targets: ${desired.deploymentTargets.map((t) => t.label).join(', ')}${excluded.length ? `; excluded: ${excluded.join(', ')}` : ''}`
}

function findAccount(desired: Desired, ref: string): OrgAccount {
  const found = desired.org.accounts.filter((a) => a.id === ref || a.name === ref)
  if (found.length === 1 && found[0]) return found[0]
  if (found.length > 1)
    throw new UsageError(`${found.length} accounts are named "${ref}" — give the account id`)
  throw new UsageError(`no account "${ref}" in organization ${desired.org.id} — give an account name or id`)
}

/** Which deployment target covers the account, or why none does. */
function scope(desired: Desired, account: OrgAccount, chain: string[]): CheckResult {
  const control = 'in deployment targets'
  const targets = stackSetTargets(desired)
  const label = (id: string) =>
    id === desired.org.rootId ? ROOT_PATH : (desired.org.units.find((u) => u.id === id)?.path ?? id)
  if (targets.excludedAccounts.includes(account.id)) {
    return { control, ok: false, detail: 'the config excludes this account (deployment.exclude.accounts)' }
  }
  const covering = chain.find((id) => targets.ous.includes(id))
  if (covering) return { control, ok: true, detail: `covered by ${label(covering)}` }
  const wanted = desired.deploymentTargets.map((t) => t.label).join(', ')
  return {
    control,
    ok: false,
    detail: `${account.path} is outside the deployment targets (${wanted}${desired.excludedOus.length ? `; excluded: ${desired.excludedOus.map((o) => o.label).join(', ')}` : ''}): StackSets will not deploy there — rerun with --ou and one of the target OUs`,
  }
}

async function verify(
  ctx: Context,
  account: OrgAccount,
  found: Awaited<ReturnType<typeof waitForInstances>>,
) {
  const c = ctx.desired.config
  const regions = ctx.desired.regions
  const perRegion = (check: (region: string) => Promise<CheckResult>) => regions.map(check)
  const checks: Promise<CheckResult | CheckResult[]>[] = [
    checkRootScp(ctx, account),
    ...(c.config.enabled ? perRegion((r) => checkConfigRecording(ctx, account, r)) : []),
    ...(c.guardDuty.enabled ? perRegion((r) => checkGuardDuty(ctx, account, r)) : []),
    ...(c.securityHub.enabled && c.securityHub.configuration === 'central'
      ? [checkSecurityHub(ctx, account)]
      : []),
    ...(c.cloudTrail.enabled ? [checkTrail(ctx, account)] : []),
    // Root API calls and AssumeRoot sessions are alerted in the region where they happen: every target region.
    ...perRegion((r) => checkRootAlert(ctx, account, r)),
    checkRootCredentials(ctx, account),
  ]
  return [...instanceChecks(ctx, found), ...(await Promise.all(checks)).flat()]
}

function renderChecklist(account: OrgAccount, results: CheckResult[]): string {
  const controls = [...new Set(results.map((r) => r.control))]
  const width = Math.max(...controls.map((c) => c.length))
  const lines = [`Onboarding ${account.id} (${account.name}) — ${account.path}`, '']
  for (const control of controls) {
    const rows = results.filter((r) => r.control === control)
    const bad = rows.filter((r) => !r.ok)
    const where = rows.filter((r) => r.region).map((r) => r.region)
    if (bad.length === 0) {
      const detail =
        where.length > 1
          ? `${where.length} regions`
          : [rows[0]?.region, rows[0]?.detail].filter(Boolean).join(': ')
      lines.push(`  ✓ ${control.padEnd(width)}  ${detail}`)
    } else {
      lines.push(
        `  ✗ ${control.padEnd(width)}  ${bad.length === rows.length ? 'missing' : `${bad.length} of ${rows.length} regions`}`,
      )
      // One line per distinct reason, naming the regions it applies to.
      for (const detail of new Set(bad.map((r) => r.detail))) {
        const regions = bad.filter((r) => r.detail === detail && r.region).map((r) => r.region)
        const where =
          regions.length > 3
            ? `${regions.slice(0, 3).join(', ')} and ${regions.length - 3} more`
            : regions.join(', ')
        lines.push(`      ${where ? `${where}: ` : ''}${detail}`)
      }
    }
  }
  const complete = controls.filter((c) => results.every((r) => r.control !== c || r.ok)).length
  lines.push('', `Onboarding: ${complete} of ${controls.length} controls complete.`)
  return `${lines.join('\n')}\n`
}

/** The checklist in the asked format: JSON with format, version and counts; markdown for a ticket or PR. */
function renderResult(format: 'text' | 'json' | 'markdown', account: OrgAccount, results: CheckResult[]) {
  const controls = [...new Set(results.map((r) => r.control))]
  const complete = controls.filter((c) => results.every((r) => r.control !== c || r.ok)).length
  if (format === 'json') {
    const counts = { controls: controls.length, complete, missing: controls.length - complete }
    const record = { format: 'org-baseline-onboard', version: 1, counts, account, results }
    return `${JSON.stringify(record, null, 2)}\n`
  }
  if (format === 'text') return renderChecklist(account, results)
  const rows = results.map(
    (r) =>
      `| ${r.ok ? '✅' : '❌'} | ${r.control} | ${r.region ?? ''} | ${(r.detail ?? '').replace(/\|/g, '\\|')} |`,
  )
  return `${[
    `### Onboarding ${account.id} (${account.name}) — ${account.path}`,
    '',
    `**Onboarding: ${complete} of ${controls.length} controls complete.**`,
    '',
    '| | Control | Region | Detail |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n')}\n`
}

export async function onboardCommand(argv: string[], io: Io): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'onboard',
    argv,
    {
      ...CONFIG_OPTION,
      ...AWS_OPTIONS,
      ...OUTPUT_OPTIONS,
      ou: { type: 'string' },
      'max-wait': { type: 'string' },
      format: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
    },
    ['<account>'],
  )
  if (values.help) {
    io.stdout.write(`${ONBOARD_HELP}\n`)
    return 0
  }
  const [ref, ...extra] = positionals
  if (!ref || extra.length > 0)
    throw new UsageError('onboard takes one account (name or id), e.g. onboard 123456789012')
  const format = oneOf('format', values.format as string | undefined, FORMATS, 'text')
  const deadline = Date.now() + duration('max-wait', values['max-wait'] as string | undefined, 30 * 60_000)
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  return withSession(values, io, baseline, async (session) => {
    let desired = resolveDesired(
      baseline,
      await observeOrganization(session.aws, { enabledRegions: needsEnabledRegions(baseline.config) }),
    )
    let account = findAccount(desired, ref)
    if (account.id === desired.org.managementAccountId) {
      throw new UsageError(
        'the management account is not onboarded: StackSets never deploy to it, so apply covers it with ordinary stacks',
      )
    }
    const results: CheckResult[] = [
      { control: 'account active', ok: account.status === 'ACTIVE', detail: account.status.toLowerCase() },
    ]
    if (account.status !== 'ACTIVE') {
      results[0] = {
        ...results[0],
        detail: `${account.status}: nothing can be deployed to it`,
      } as CheckResult
      io.stdout.write(renderResult(format, account, results))
      return 2
    }
    const ou = values.ou as string | undefined
    if (ou) {
      const target = ou === ROOT_PATH ? desired.org.rootId : desired.org.units.find((u) => u.path === ou)?.id
      if (!target) {
        throw new UsageError(
          `--ou: no OU "${ou}" — OUs are ${desired.org.units.map((u) => u.path).join(', ')}`,
        )
      }
      if (account.parentId !== target) {
        const outside = outsideTargets(desired, target)
        if (outside) {
          const question = `${ou} is outside the deployment targets (${outside}): StackSets will not deploy to ${account.name} there. Move it anyway?`
          if (!(await confirm(io, question, Boolean(values.yes), 'onboard'))) {
            io.stderr.write(`Not moved: ${account.name} stays in ${account.path}.\n`)
            return 1
          }
        }
        const move = new MoveAccountCommand({
          AccountId: account.id,
          SourceParentId: account.parentId,
          DestinationParentId: target,
        })
        // Organizations refuses a move while another change to the organization runs
        // (ConcurrentModificationException), which the SDK does not retry.
        await retryConflicts(() => session.aws.organizations().send(move))
        desired = resolveDesired(
          baseline,
          await observeOrganization(session.aws, { enabledRegions: needsEnabledRegions(baseline.config) }),
        )
        account = findAccount(desired, account.id)
      }
    }
    const ctx: Context = { aws: session.aws, desired, log: session.log, deadline }
    const inScope = scope(desired, account, inheritanceChain(ctx, account))
    results.push(inScope)
    const bar = progress(io.stderr, `Waiting for stack instances of ${account.name}`, 0)
    const found = inScope.ok
      ? await waitForInstances(ctx, account, deadline, (done, total) => bar.set(done, total))
      : new Map()
    bar.done()
    results.push(...(await verify(ctx, account, found)))
    io.stdout.write(renderResult(format, account, results))
    return results.every((r) => r.ok) ? 0 : 2
  })
}
