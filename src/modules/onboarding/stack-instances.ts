// The auto-deployed stack instances of one account: waited for while StackSets is still deploying them,
// then checked region by region. Read with ListStackInstances filtered to the account — never by listing
// every instance of the stack set.
import { paginateListStackInstances, type StackInstanceSummary } from '@aws-sdk/client-cloudformation'
import { collect } from '../../aws/paginate.ts'
import { pollUntil } from '../../aws/poll.ts'
import type { Context } from '../../engine/module.ts'
import type { OrgAccount } from '../organization/snapshot.ts'
import { stackSetAdmin } from '../stacksets/admin.ts'
import { plannedStackSets, stackSetName, type TemplateName } from '../stacksets/catalogue.ts'
import type { CheckResult } from './checks.ts'

const IN_FLIGHT = new Set(['PENDING', 'RUNNING'])

export interface ExpectedInstances {
  template: TemplateName
  regions: string[]
}

export const expectedInstances = (ctx: Context): ExpectedInstances[] =>
  plannedStackSets(ctx.desired).map((s) => ({ template: s.template, regions: s.regions }))

/** An account's instances of one stack set; null when the stack set itself does not exist. */
async function instancesOf(
  ctx: Context,
  account: string,
  template: TemplateName,
): Promise<StackInstanceSummary[] | null> {
  const admin = stackSetAdmin(ctx)
  const pages = paginateListStackInstances(
    { client: admin.writer, pageSize: 100 },
    { StackSetName: stackSetName(template), StackInstanceAccount: account, ...admin.callAs },
  )
  return collect(pages, (p) => p.Summaries).catch((error) => {
    if ((error as Error).name === 'StackSetNotFoundException') return null
    throw error
  })
}

/**
 * Waits until no expected instance of the account is missing or still deploying, or until `deadline`.
 * A stack set that does not exist has nothing to wait for (only apply makes it): it maps to null at once.
 */
export async function waitForInstances(
  ctx: Context,
  account: OrgAccount,
  deadline: number,
  onPoll?: (done: number, total: number) => void,
): Promise<Map<TemplateName, StackInstanceSummary[] | null>> {
  const expected = expectedInstances(ctx)
  const total = expected.reduce((n, e) => n + e.regions.length, 0)
  const read = async () => {
    const found = new Map<TemplateName, StackInstanceSummary[] | null>()
    await Promise.all(
      expected.map(async (e) => found.set(e.template, await instancesOf(ctx, account.id, e.template))),
    )
    const pending = expected.reduce((n, e) => {
      const instances = found.get(e.template)
      if (instances === null || instances === undefined) return n
      const waiting = e.regions.filter((region) => {
        const instance = instances.find((i) => i.Region === region)
        return !instance || IN_FLIGHT.has(instance.StackInstanceStatus?.DetailedStatus ?? '')
      })
      return n + waiting.length
    }, 0)
    onPoll?.(total - pending, total)
    return { found, pending }
  }
  const { value } = await pollUntil(read, (v) => v.pending === 0, { deadline, readFirst: true })
  return value.found
}

export function instanceChecks(
  ctx: Context,
  found: Map<TemplateName, StackInstanceSummary[] | null>,
): CheckResult[] {
  return expectedInstances(ctx).flatMap((e) =>
    e.regions.map((region): CheckResult => {
      const control = `stack instance ${e.template}`
      if (found.get(e.template) === null)
        return {
          control,
          region,
          ok: false,
          detail: `stack set ${stackSetName(e.template)} does not exist: run apply first — nothing to wait for`,
        }
      const instance = found.get(e.template)?.find((i) => i.Region === region)
      if (!instance)
        return { control, region, ok: false, detail: 'no instance (yet): StackSets has not deployed here' }
      const detailed = instance.StackInstanceStatus?.DetailedStatus ?? instance.Status ?? 'UNKNOWN'
      const ok = instance.Status === 'CURRENT' && detailed === 'SUCCEEDED'
      return {
        control,
        region,
        ok,
        detail: ok ? 'current' : `${detailed}${instance.StatusReason ? `: ${instance.StatusReason}` : ''}`,
      }
    }),
  )
}
