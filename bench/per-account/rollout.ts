// The per-account rollout: every (account, region) pair in turn, `concurrency` of them at once (org-baseline's
// `--concurrency` budget), each account entered once by AssumeRole. A region the account has not enabled
// answers its first call with UnrecognizedClientException and is skipped, as such a tool must; any other
// failure is recorded and the rollout goes on (a pipeline stage reports failures at the end).
import { type AccountRegion, rollOutAccountRegion } from './account-region.ts'
import { assumeRole, type Connection, type Credentials } from './connection.ts'
import type { Organization } from './setup.ts'

export interface RolloutOptions {
  homeRegion: string
  roleName: string
  concurrency: number
}

export interface RolloutResult {
  accounts: number
  /** (account, region) pairs rolled out completely. */
  done: number
  /** Opt-in regions an account has not enabled. */
  skipped: number
  /** Pairs a check found without the whole baseline (when `work` answers false). */
  incomplete: number
  failures: { account: string; region?: string; error: string }[]
}

export async function rollOut(
  connection: Connection,
  organization: Organization,
  accounts: string[],
  options: RolloutOptions,
  /** What is done in each (account, region): the rollout by default, or a check (check.ts). */
  work: (
    connection: Connection,
    credentials: Credentials,
    target: AccountRegion,
  ) => Promise<unknown> = rollOutAccountRegion,
): Promise<RolloutResult> {
  const units = accounts.flatMap((account) => organization.regions.map((region) => ({ account, region })))
  const sessions = new Map<string, Promise<Credentials>>()
  const session = (account: string) => {
    let credentials = sessions.get(account)
    if (!credentials) {
      credentials = assumeRole(connection, account, options.roleName)
      sessions.set(account, credentials)
    }
    return credentials
  }
  const result: RolloutResult = {
    accounts: accounts.length,
    done: 0,
    skipped: 0,
    incomplete: 0,
    failures: [],
  }
  const failedAccounts = new Set<string>()

  const one = async ({ account, region }: { account: string; region: string }) => {
    if (failedAccounts.has(account)) return
    let credentials: Credentials
    try {
      credentials = await session(account)
    } catch (error) {
      if (!failedAccounts.has(account)) result.failures.push({ account, error: errorName(error) })
      failedAccounts.add(account)
      return
    }
    const target: AccountRegion = {
      account,
      region,
      homeRegion: options.homeRegion,
      configBucket: organization.configBucket,
      securityTooling: organization.securityTooling,
    }
    try {
      if ((await work(connection, credentials, target)) === false) result.incomplete++
      result.done++
    } catch (error) {
      if (errorName(error) === 'UnrecognizedClientException') result.skipped++
      else result.failures.push({ account, region, error: `${errorName(error)}: ${String(error)}` })
    }
  }

  let next = 0
  const worker = async () => {
    while (next < units.length) {
      const unit = units[next++]
      if (unit) await one(unit)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker))
  return result
}

const errorName = (error: unknown): string =>
  error instanceof Error ? error.name : typeof error === 'string' ? error : 'Error'
