// Reads Access Analyzer from the configured administrator (through the member role): per target region one
// ListAnalyzers and, for each of the tool's analyzers found, one ListArchiveRules. The registration comes
// from Organizations. Turned off, regions are read only while the administrator is still registered.
import {
  GetAnalyzerCommand,
  paginateListAnalyzers,
  paginateListArchiveRules,
} from '@aws-sdk/client-accessanalyzer'
import { paginateListRegions } from '@aws-sdk/client-account'
import { collect } from '../../aws/paginate.ts'
import { isOptInRegion } from '../../config/regions.ts'
import type { Context } from '../../engine/module.ts'
import { errorName } from '../../errors.ts'
import { observedAdmins } from '../delegated-registration.ts'
import {
  type AccessAnalyzerObserved,
  ANALYZERS,
  type AnalyzerKind,
  canonicalFilter,
  type ObservedAnalyzer,
  type RegionObserved,
  SERVICE_PRINCIPAL,
} from './observed.ts'

export const registeredAdmins = (ctx: Context) => observedAdmins(ctx, SERVICE_PRINCIPAL)

export async function readRules(ctx: Context, region: string, analyzerName: string) {
  const client = ctx.aws.accessanalyzer(region, ctx.desired.securityTooling.id)
  const rules = await collect(
    paginateListArchiveRules({ client, pageSize: 100 }, { analyzerName }),
    (p) => p.archiveRules,
  )
  return Object.fromEntries(rules.map((r) => [r.ruleName ?? '', canonicalFilter(r.filter ?? {})]))
}

type Summary = {
  name?: string
  type?: string
  status?: string
  statusReason?: { code?: string }
  configuration?: { unusedAccess?: { unusedAccessAge?: number } }
}

const toState = (a: Summary) => ({
  name: a.name ?? '',
  type: a.type ?? '',
  status: a.status ?? '',
  ...(a.statusReason?.code ? { statusReason: a.statusReason.code } : {}),
  ...(a.configuration?.unusedAccess?.unusedAccessAge !== undefined
    ? { unusedAccessAge: a.configuration.unusedAccess.unusedAccessAge }
    : {}),
})

/** One analyzer by name, or null (apply's re-check). */
export async function readAnalyzer(ctx: Context, region: string, name: string) {
  try {
    const { analyzer } = await ctx.aws
      .accessanalyzer(region, ctx.desired.securityTooling.id)
      .send(new GetAnalyzerCommand({ analyzerName: name }))
    return analyzer ? toState(analyzer) : null
  } catch (error) {
    if (errorName(error) === 'ResourceNotFoundException') return null
    throw error
  }
}

async function adminOptInRegions(ctx: Context): Promise<Set<string>> {
  if (!ctx.desired.regions.some(isOptInRegion)) return new Set()
  const pages = paginateListRegions(
    { client: ctx.aws.account(ctx.desired.securityTooling.id), pageSize: 50 },
    { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] },
  )
  return new Set((await collect(pages, (p) => p.Regions)).map((r) => r.RegionName ?? ''))
}

async function observeRegion(ctx: Context, region: string, enabled: boolean): Promise<RegionObserved> {
  if (!enabled) return { region, regionEnabled: false, analyzers: {} }
  const client = ctx.aws.accessanalyzer(region, ctx.desired.securityTooling.id)
  const all = await collect(paginateListAnalyzers({ client, pageSize: 100 }, {}), (p) => p.analyzers)
  const analyzers: RegionObserved['analyzers'] = {}
  await Promise.all(
    (Object.keys(ANALYZERS) as AnalyzerKind[]).map(async (kind) => {
      const found = all.find((a) => a.name === ANALYZERS[kind].name)
      if (!found) return
      const observed: ObservedAnalyzer = {
        ...toState(found),
        rules: await readRules(ctx, region, found.name ?? ''),
      }
      analyzers[kind] = observed
    }),
  )
  return { region, regionEnabled: true, analyzers }
}

export async function observeAccessAnalyzer(ctx: Context): Promise<AccessAnalyzerObserved> {
  const { desired } = ctx
  const [registered, optIn] = await Promise.all([registeredAdmins(ctx), adminOptInRegions(ctx)])
  const on = desired.config.accessAnalyzer.enabled
  // Off: only what the tool left behind matters, and it can only be there while the admin was registered.
  if (!on && !registered.includes(desired.securityTooling.id)) return { registered, regions: [] }
  const regions = await Promise.all(
    desired.regions.map((r) => observeRegion(ctx, r, !isOptInRegion(r) || optIn.has(r))),
  )
  return { registered, regions }
}
