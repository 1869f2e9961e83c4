// The administrator's organization settings per region: DescribeOrganizationConfiguration and
// UpdateOrganizationConfiguration (aws-facts §3). Auto-enable is recorded as history, never fanned out.

import type { CallContext, RestRequest } from '../service.ts'
import { ownDetector } from './detectors.ts'
import { badRequest, INVALID_INPUT, NOT_ORGANIZATION_MASTER } from './errors.ts'
import {
  type AutoEnable,
  additionalConfigurationsOf,
  legacyDataSourceFeatures,
  ORG_FEATURES,
  type OrgFeatureSetting,
  parseAutoEnable,
  parseOrgFeatures,
} from './features.ts'
import { allMembers } from './membership.ts'
import { pageOf } from './paging.ts'
import { refuseFeaturesNotOffered } from './regional-features.ts'
import { currentAutoEnable, type RegionState, setAutoEnable } from './state.ts'

/** GuardDuty's member limit per administrator (GuardDuty user guide: 50,000 member accounts). */
export const MEMBER_ACCOUNT_LIMIT = 50_000

/** The administrator's own detector in this region, or AWS's answers for anyone else. */
export function requireAdministrator(ctx: CallContext, detectorId: string | undefined): RegionState {
  const { rs } = ownDetector(ctx, detectorId)
  if (rs.admin?.accountId !== ctx.account) throw badRequest(NOT_ORGANIZATION_MASTER)
  return rs
}

export function setFeature(
  rs: RegionState,
  name: string,
  autoEnable: AutoEnable,
  now: number,
  additional = new Map<string, AutoEnable>(),
) {
  const current: OrgFeatureSetting = rs.features.get(name) ?? {
    autoEnable: 'NONE',
    additional: new Map(),
    history: [],
  }
  if (current.autoEnable !== autoEnable) {
    const open = current.history.at(-1)
    if (open && open.to === undefined) open.to = now
    if (autoEnable !== 'NONE') current.history.push({ mode: autoEnable, from: now, to: undefined })
  }
  current.autoEnable = autoEnable
  for (const [a, value] of additional) current.additional.set(a, value)
  rs.features.set(name, current)
}

export function describeOrganizationConfiguration(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  // Every feature fits in one page; the paging inputs are still checked as AWS checks them.
  pageOf([], req.query.get('maxResults') ?? undefined, req.query.get('nextToken'), ctx)
  const mode = currentAutoEnable(rs)
  const features = ORG_FEATURES.filter(
    (name) => name !== 'EKS_RUNTIME_MONITORING' || rs.features.has(name),
  ).map((name) => {
    const f = rs.features.get(name)
    const additional = additionalConfigurationsOf(name).map((a) => ({
      name: a,
      autoEnable: f?.additional.get(a) ?? 'NONE',
    }))
    return {
      name,
      autoEnable: f?.autoEnable ?? 'NONE',
      additionalConfiguration: additional.length ? additional : undefined,
    }
  })
  const feature = (name: string) => (rs.features.get(name)?.autoEnable ?? 'NONE') !== 'NONE'
  const limitReached = allMembers(ctx.world, rs, ctx.region).length >= MEMBER_ACCOUNT_LIMIT
  return {
    autoEnable: mode !== 'NONE',
    autoEnableOrganizationMembers: mode,
    memberAccountLimitReached: limitReached,
    dataSources: {
      s3Logs: { autoEnable: feature('S3_DATA_EVENTS') },
      kubernetes: { auditLogs: { autoEnable: feature('EKS_AUDIT_LOGS') } },
      malwareProtection: {
        scanEc2InstanceWithFindings: { ebsVolumes: { autoEnable: feature('EBS_MALWARE_PROTECTION') } },
      },
    },
    features,
  }
}

export function updateOrganizationConfiguration(req: RestRequest, ctx: CallContext) {
  const rs = requireAdministrator(ctx, req.params.DetectorId)
  const { body } = req
  if (body.autoEnable !== undefined && body.autoEnableOrganizationMembers !== undefined) {
    // API reference: "You must provide a value for either autoEnableOrganizationMembers or autoEnable, but not both."
    throw badRequest(
      'The request is rejected because both autoEnable and autoEnableOrganizationMembers are specified. Specify only autoEnableOrganizationMembers.',
    )
  }
  if (body.autoEnable !== undefined && typeof body.autoEnable !== 'boolean') throw badRequest(INVALID_INPUT)
  const mode: AutoEnable | undefined =
    body.autoEnableOrganizationMembers !== undefined
      ? parseAutoEnable(body.autoEnableOrganizationMembers)
      : body.autoEnable === undefined
        ? undefined
        : body.autoEnable
          ? 'NEW'
          : 'NONE'
  const updates = parseOrgFeatures(body.features)
  refuseFeaturesNotOffered(ctx.region, body.features)
  const legacy = legacyDataSourceFeatures(body.dataSources, 'autoEnable')
  if (updates.length > 0 && legacy.size > 0) throw badRequest(INVALID_INPUT)
  // Validation is complete: only now change state, so a rejected request changes nothing.
  if (mode !== undefined) setAutoEnable(rs, ctx.account, mode, ctx.world.clock.now())
  const now = ctx.world.clock.now()
  for (const u of updates) {
    const current = rs.features.get(u.name)
    setFeature(rs, u.name, u.autoEnable ?? current?.autoEnable ?? 'NONE', now, u.additional)
  }
  for (const [name, on] of legacy) setFeature(rs, name, on ? 'NEW' : 'NONE', now)
  return {}
}
