// Analyzers: CreateAnalyzer, GetAnalyzer, ListAnalyzers, UpdateAnalyzer, DeleteAnalyzer (IAM Access Analyzer API reference).
// Organization analyzers (ORGANIZATION, ORGANIZATION_UNUSED_ACCESS, ORGANIZATION_INTERNAL_ACCESS) only from
// the management account or the delegated administrator for access-analyzer.amazonaws.com, with trusted
// access enabled (IAM User Guide, "Enabling IAM Access Analyzer"). Quotas (IAM User Guide, "IAM Access
// Analyzer quotas"): one account-level analyzer per type, five organization-level ones per type, per account
// and Region; 100 archive rules per analyzer.
import type { CallContext, RestRoute } from '../service.ts'
import { pageOf, pageSizeOf } from '../token-paging.ts'
import { accessDenied, conflict, notFound, quotaExceeded, validation } from './errors.ts'
import { checkFilter } from './filter.ts'
import { type Analyzer, analyzersOf } from './state.ts'
import { analyzerStatus, isOrganizationType, SERVICE_PRINCIPAL } from './status.ts'

const ANALYZER = 'AWS::AccessAnalyzer::Analyzer'
export const MAX_ARCHIVE_RULES = 100
const MAX_PER_TYPE = { account: 1, organization: 5 }
/** UnusedAccessConfiguration.unusedAccessAge: "between 1 and 365 days"; 90 when not given. */
const UNUSED_AGE = { min: 1, max: 365, default: 90 }

const arnOf = (ctx: CallContext, name: string) =>
  `arn:aws:access-analyzer:${ctx.region}:${ctx.account}:analyzer/${name}`

export function summary(ctx: CallContext, a: Analyzer): Record<string, unknown> {
  const status = analyzerStatus(ctx.world, ctx.account, a)
  return {
    arn: arnOf(ctx, a.name),
    name: a.name,
    type: a.type,
    createdAt: a.createdAt.toISOString(),
    tags: a.tags,
    status: status.status,
    ...(status.reason ? { statusReason: { code: status.reason } } : {}),
    ...(a.configuration ? { configuration: a.configuration } : {}),
  }
}

export function analyzerNamed(ctx: CallContext, name: string): Analyzer {
  const found = analyzersOf(ctx.world, ctx.account, ctx.region).get(name)
  if (!found) throw notFound(name, ANALYZER)
  return found
}

function mayCreateOrganizationAnalyzer(ctx: CallContext): boolean {
  const { world } = ctx
  if (!world.hasTrustedAccess(SERVICE_PRINCIPAL)) return false
  return ctx.account === world.managementAccountId || world.isDelegatedAdmin(ctx.account, SERVICE_PRINCIPAL)
}

function configurationFor(type: string, body: Record<string, unknown>): Record<string, unknown> | undefined {
  const given = body.configuration as { unusedAccess?: Record<string, unknown> } | undefined
  const unused = type.endsWith('UNUSED_ACCESS')
  if (given?.unusedAccess && !unused)
    throw validation(`configuration.unusedAccess is only valid for unused access analyzers, not ${type}`)
  if (!unused) return undefined
  const age = given?.unusedAccess?.unusedAccessAge ?? UNUSED_AGE.default
  if (typeof age !== 'number' || !Number.isInteger(age) || age < UNUSED_AGE.min || age > UNUSED_AGE.max)
    throw validation(`unusedAccessAge must be between ${UNUSED_AGE.min} and ${UNUSED_AGE.max} days`)
  return { unusedAccess: { ...given?.unusedAccess, unusedAccessAge: age } }
}

export const createAnalyzer: RestRoute['handler'] = ({ body }, ctx) => {
  const name = String(body.analyzerName)
  const type = String(body.type)
  if (isOrganizationType(type) && !mayCreateOrganizationAnalyzer(ctx))
    throw accessDenied(
      `You must be the management account or the delegated administrator for ${SERVICE_PRINCIPAL}, with trusted access enabled, to create an analyzer of type ${type}`,
    )
  const analyzers = analyzersOf(ctx.world, ctx.account, ctx.region)
  if (analyzers.has(name)) throw conflict(name, ANALYZER)
  const sameType = [...analyzers.values()].filter((a) => a.type === type).length
  const max = isOrganizationType(type) ? MAX_PER_TYPE.organization : MAX_PER_TYPE.account
  if (sameType >= max) throw quotaExceeded(name, ANALYZER, `at most ${max} analyzer(s) of type ${type}`)
  const configuration = configurationFor(type, body)
  const inline = (body.archiveRules ?? []) as { ruleName: string; filter: Record<string, unknown> }[]
  if (inline.length > MAX_ARCHIVE_RULES)
    throw quotaExceeded(name, ANALYZER, `at most ${MAX_ARCHIVE_RULES} archive rules per analyzer`)
  const now = ctx.world.clock.date()
  const archiveRules = new Map<
    string,
    { filter: Record<string, unknown>; createdAt: Date; updatedAt: Date }
  >()
  for (const rule of inline) {
    checkFilter(rule.filter)
    if (archiveRules.has(rule.ruleName)) throw validation(`archive rule ${rule.ruleName} is listed twice`)
    archiveRules.set(rule.ruleName, { filter: rule.filter, createdAt: now, updatedAt: now })
  }
  analyzers.set(name, {
    name,
    type,
    createdAt: now,
    tags: (body.tags ?? {}) as Record<string, string>,
    archiveRules,
    ...(configuration ? { configuration } : {}),
  })
  return { arn: arnOf(ctx, name) }
}

export const getAnalyzer: RestRoute['handler'] = ({ params }, ctx) => ({
  analyzer: summary(ctx, analyzerNamed(ctx, String(params.analyzerName))),
})

export const listAnalyzers: RestRoute['handler'] = ({ query }, ctx) => {
  const type = query.get('type')
  const all = [...analyzersOf(ctx.world, ctx.account, ctx.region).values()]
    .filter((a) => !type || a.type === type)
    .sort((a, b) => a.name.localeCompare(b.name))
  const invalid = () => validation('Invalid pagination token or maxResults', 'other')
  const size = pageSizeOf(query.get('maxResults') ?? undefined, { max: 1000, default: 100 }, invalid)
  const page = pageOf(all, query.get('nextToken') ?? undefined, size, ctx, `aa:${type ?? ''}`, invalid)
  return { analyzers: page.items.map((a) => summary(ctx, a)), nextToken: page.nextToken }
}

/** UpdateAnalyzer changes an unused-access analyzer's configuration (an external one has none to change). */
export const updateAnalyzer: RestRoute['handler'] = ({ params, body }, ctx) => {
  const analyzer = analyzerNamed(ctx, String(params.analyzerName))
  const configuration = configurationFor(analyzer.type, body)
  if (!configuration) throw validation(`an analyzer of type ${analyzer.type} has no configuration to update`)
  analyzer.configuration = configuration
  return { configuration }
}

export const deleteAnalyzer: RestRoute['handler'] = ({ params }, ctx) => {
  const name = String(params.analyzerName)
  analyzerNamed(ctx, name)
  analyzersOf(ctx.world, ctx.account, ctx.region).delete(name)
  return {}
}
