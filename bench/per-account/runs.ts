// The five runs of bench/plan-apply.ts done the per-account way, in a sandbox of their own of the same size and
// profile, with the same concurrency budget (issue 16, item 4):
// - plan: a check (check.ts) of every account and region, before anything is there;
// - apply from empty: the organization's setup (setup.ts), then the rollout (account-region.ts);
// - apply with nothing to change: the check of every account and region, nothing written;
// - onboard one new account: the rollout of that one account, every region;
// - reconcile, 1% of the accounts drifted: the check of every account and region, then the drifted ones
//   written again (the alert rule: PutRule + PutTargets, what the check looks at).
// Every account and region is one unit of work, `concurrency` units at once. Above `sample` member accounts
// the per-account passes run on `sample` accounts spread over the organization and are scaled to all of them
// (time and calls grow linearly with the units at a fixed concurrency); setup, onboard and the repairs are
// measured in full. Scaled figures say so.
import { putAlertRule } from './account-region.ts'
import { checkAccountRegion } from './check.ts'
import { assumeRole, type Connection } from './connection.ts'
import { rollOut } from './rollout.ts'
import { type Organization, setUpOrganization } from './setup.ts'

// config/org.example.yaml's homeRegion and regions.optIn, and the role per-account tools enter accounts by.
const HOME_REGION = 'us-east-1'
const OPT_IN = ['ap-southeast-4']
const ROLE_NAME = 'OrganizationAccountAccessRole'

export interface PerAccountFigures {
  run: string
  calls: number
  awsMs: number
  realSeconds: number
  /** `×20.0 from 50 of 1000 accounts` when scaled from a sample. */
  scaled?: string
  note: string
}

export interface PerAccountOptions {
  concurrency: number
  sample: number
  /** Simulated milliseconds elapsed on the sandbox's clock. */
  elapsedMs: () => Promise<number>
  /** Makes a new member account (with OrganizationAccountAccessRole), as the org-baseline side's onboard. */
  createAccount: () => Promise<string>
}

interface Measured {
  calls: number
  awsMs: number
  realSeconds: number
}

async function measure<T>(
  connection: Connection,
  options: PerAccountOptions,
  fn: () => Promise<T>,
): Promise<Measured & { result: T }> {
  const calls = connection.calls
  const aws = await options.elapsedMs()
  const started = performance.now()
  const result = await fn()
  return {
    result,
    calls: connection.calls - calls,
    awsMs: (await options.elapsedMs()) - aws,
    realSeconds: (performance.now() - started) / 1000,
  }
}

/** `n` elements spread evenly over `all` (so the sample has the organization's mix of accounts). */
function spread<T>(all: T[], n: number): T[] {
  if (n <= 0 || n >= all.length) return all
  return Array.from({ length: n }, (_, i) => all[Math.floor((i * all.length) / n)] as T)
}

/** The five runs, in the order of bench/plan-apply.ts; `drifted` accounts are repaired by the reconcile. */
export async function perAccountRuns(
  connection: Connection,
  options: PerAccountOptions,
  drifted: number,
): Promise<PerAccountFigures[]> {
  const rolloutOptions = { homeRegion: HOME_REGION, roleName: ROLE_NAME, concurrency: options.concurrency }
  const setup = await measure(connection, options, () =>
    setUpOrganization(connection, { homeRegion: HOME_REGION, optIn: OPT_IN, roleName: ROLE_NAME }),
  )
  const organization: Organization = setup.result
  const members = organization.members
  const sample = spread(members, options.sample)
  const scale = members.length / sample.length
  const scaled =
    scale > 1 ? `×${scale.toFixed(1)} from ${sample.length} of ${members.length} accounts` : undefined
  const figures: PerAccountFigures[] = []
  const pass = async (run: string, work?: typeof checkAccountRegion, extra?: Measured) => {
    const m = await measure(connection, options, () =>
      rollOut(connection, organization, sample, rolloutOptions, work),
    )
    const r = m.result
    figures.push({
      run,
      calls: Math.round(m.calls * scale) + (extra?.calls ?? 0),
      awsMs: m.awsMs * scale + (extra?.awsMs ?? 0),
      realSeconds: m.realSeconds + (extra?.realSeconds ?? 0),
      ...(scaled ? { scaled } : {}),
      note:
        `${r.done} account-regions, ${r.skipped} skipped (opt-in region not enabled), ` +
        `${r.incomplete} without the baseline, ${r.failures.length} failed` +
        (r.failures[0] ? ` (first: ${r.failures[0].error.slice(0, 120)})` : ''),
    })
  }

  await pass('plan (from empty)', checkAccountRegion)
  await pass('apply (from empty)', undefined, setup)
  await pass('apply (no-op)', checkAccountRegion)

  const newAccount = await options.createAccount()
  const onboard = await measure(connection, options, () =>
    rollOut(connection, organization, [newAccount], rolloutOptions),
  )
  figures.push({
    run: 'onboard (one new account)',
    calls: onboard.calls,
    awsMs: onboard.awsMs,
    realSeconds: onboard.realSeconds,
    note: `${onboard.result.done} regions, ${onboard.result.failures.length} failed`,
  })

  // The drifted accounts' rules, home Region, found by the check pass and written again. An account the tool
  // cannot enter (its access role gone, as in some generated accounts) cannot be repaired: counted, as a
  // per-account tool would report it, and the repair goes on.
  let unreachable = 0
  const repair = await measure(connection, options, async () => {
    const targets = members.slice(0, drifted)
    let next = 0
    const worker = async () => {
      while (next < targets.length) {
        const account = targets[next++] as string
        const credentials = await assumeRole(connection, account, ROLE_NAME).catch(() => undefined)
        if (!credentials) {
          unreachable++
          continue
        }
        await putAlertRule(connection, credentials, {
          account,
          region: HOME_REGION,
          homeRegion: HOME_REGION,
          configBucket: organization.configBucket,
          securityTooling: organization.securityTooling,
        })
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker))
  })
  await pass(`reconcile (${drifted} drifted)`, checkAccountRegion, repair)
  if (unreachable > 0) {
    const last = figures.at(-1) as PerAccountFigures
    last.note += `; ${unreachable} of the ${drifted} drifted accounts could not be entered to repair`
  }
  return figures
}
