// Every stack instance of the stack sets behind status's controls, read as CloudFormation lists them
// (ListStackInstances per stack set and region, concurrent within --concurrency, 100 a page): status counts
// an instance as current only when this read says CURRENT — an instance it did not see is missing, and a
// region whose read failed is reported as not read, never as covered. (A plan reads only the unhealthy
// instances through filters; a coverage report must see the healthy ones too.)
import { type CloudFormationClient, paginateListStackInstances } from '@aws-sdk/client-cloudformation'
import { collect } from '../aws/paginate.ts'
import { mapLimit } from '../engine/concurrency.ts'
import { errorName } from '../errors.ts'
import { stackSetName, type TemplateName } from '../modules/stacksets/catalogue.ts'
import type { StacksetsObserved } from '../modules/stacksets/observed.ts'

export interface InstanceSummary {
  /** CURRENT | OUTDATED | INOPERABLE */
  status: string
  detailedStatus?: string
  drift?: string
  reason?: string
}

export interface StackSetInstances {
  /** `account/region` → the instance as listed. */
  listed: Record<string, InstanceSummary>
  /** Region → the error its listing ended in: those instances were not read. */
  unread: Record<string, string>
}

export type InstancesRead = Partial<Record<TemplateName, StackSetInstances>>

export const instanceKey = (account: string, region: string) => `${account}/${region}`

/** How many listings `readStackInstances` makes: one per stack set and region (for progress). */
export const listingCount = (observed: StacksetsObserved, templates: readonly TemplateName[]) =>
  templates.reduce((n, t) => n + (observed.stackSets[t]?.regions.length ?? 0), 0)

export async function readStackInstances(
  client: CloudFormationClient,
  observed: StacksetsObserved,
  templates: readonly TemplateName[],
  concurrency: number,
  tick: () => void,
): Promise<InstancesRead> {
  const work = templates.flatMap((template) =>
    (observed.stackSets[template]?.regions ?? []).map((region) => ({ template, region })),
  )
  const out: InstancesRead = {}
  for (const t of templates) if (observed.stackSets[t]) out[t] = { listed: {}, unread: {} }
  await mapLimit(work, concurrency, async ({ template, region }) => {
    const into = out[template] as StackSetInstances
    try {
      const summaries = await collect(
        paginateListStackInstances(
          { client, pageSize: 100 },
          { StackSetName: stackSetName(template), StackInstanceRegion: region },
        ),
        (p) => p.Summaries,
      )
      for (const s of summaries) {
        into.listed[instanceKey(s.Account ?? '', s.Region ?? region)] = {
          status: s.Status ?? '',
          ...(s.StackInstanceStatus?.DetailedStatus
            ? { detailedStatus: s.StackInstanceStatus.DetailedStatus }
            : {}),
          ...(s.DriftStatus ? { drift: s.DriftStatus } : {}),
          ...(s.StatusReason ? { reason: s.StatusReason } : {}),
        }
      }
    } catch (error) {
      into.unread[region] =
        `ListStackInstances failed: ${errorName(error) ?? 'Error'}: ${(error as Error).message}`
    } finally {
      tick()
    }
  })
  return out
}
