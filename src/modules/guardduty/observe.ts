// Reads GuardDuty's organization setup: every target region in parallel, from the management account (who
// is admin) and from the configured administrator (its detector, the organization configuration, the
// management account's membership, its own detector's features). Settings are read once per region;
// member accounts are never looped over — auto-enable already says what they get.
import { paginateListRegions } from '@aws-sdk/client-account'
import {
  GetDetectorCommand,
  GetMembersCommand,
  paginateDescribeOrganizationConfiguration,
  paginateListDetectors,
  paginateListOrganizationAdminAccounts,
} from '@aws-sdk/client-guardduty'
import { collect } from '../../aws/paginate.ts'
import { isOptInRegion } from '../../config/regions.ts'
import type { Context } from '../../engine/module.ts'
import { AwsCallError } from '../../errors.ts'
import { observedAdmins } from '../delegated-registration.ts'
import { observeEnabledRegions } from '../organization/observe.ts'
import {
  type AutoEnableMode,
  type FeatureStatus,
  type GuardDutyObserved,
  type Membership,
  type ObservedDetectorFeatures,
  type ObservedOrgConfig,
  type RegionObserved,
  SERVICE_PRINCIPAL,
} from './observed.ts'

const mode = (value: string | undefined): AutoEnableMode =>
  value === 'ALL' || value === 'NEW' ? value : 'NONE'

/** Accounts listed as GuardDuty organization admin in a region (read by the management account). */
export async function listAdmins(ctx: Context, region: string): Promise<string[]> {
  const pages = paginateListOrganizationAdminAccounts({ client: ctx.aws.guardduty(region), pageSize: 50 }, {})
  const admins = await collect(pages, (p) => p.AdminAccounts)
  return admins
    .filter((a) => a.AdminStatus === 'ENABLED')
    .map((a) => a.AdminAccountId ?? '')
    .sort()
}

/** An account's detector id in a region, or null when GuardDuty is not enabled for it there. */
// A detector's id never changes while it exists, so once seen in a run it is not read again (a detector
// deleted meanwhile makes the next call that uses the id fail, which is reported as such).
const knownDetectors = new WeakMap<Context, Map<string, string>>()

export async function detectorOf(ctx: Context, region: string, account: string): Promise<string | null> {
  const known = knownDetectors.get(ctx) ?? new Map<string, string>()
  knownDetectors.set(ctx, known)
  const key = `${account}:${region}`
  const cached = known.get(key)
  if (cached) return cached
  const pages = paginateListDetectors({ client: ctx.aws.guardduty(region, account), pageSize: 50 }, {})
  const id = (await collect(pages, (p) => p.DetectorIds))[0] ?? null
  if (id) known.set(key, id)
  return id
}

export async function readOrgConfig(
  ctx: Context,
  region: string,
  admin: string,
  detectorId: string,
): Promise<ObservedOrgConfig> {
  const client = ctx.aws.guardduty(region, admin)
  let autoEnable: AutoEnableMode = 'NONE'
  const features: ObservedOrgConfig['features'] = {}
  const additional: ObservedOrgConfig['additional'] = {}
  for await (const page of paginateDescribeOrganizationConfiguration(
    { client, pageSize: 50 },
    { DetectorId: detectorId },
  )) {
    // The legacy boolean AutoEnable is implied by AutoEnableOrganizationMembers, which is authoritative.
    if (page.AutoEnableOrganizationMembers) autoEnable = mode(page.AutoEnableOrganizationMembers)
    for (const f of page.Features ?? []) {
      if (!f.Name) continue
      features[f.Name] = mode(f.AutoEnable)
      const extra = (f.AdditionalConfiguration ?? []).filter((a) => a.Name)
      if (extra.length)
        additional[f.Name] = Object.fromEntries(extra.map((a) => [a.Name ?? '', mode(a.AutoEnable)]))
    }
  }
  return { autoEnable, features, additional }
}

const status = (value: string | undefined): FeatureStatus => (value === 'ENABLED' ? 'ENABLED' : 'DISABLED')

/** An account's own detector features (one GetDetector): every feature and its additional configuration. */
export async function readDetectorFeatures(
  ctx: Context,
  region: string,
  account: string,
  detectorId: string,
): Promise<ObservedDetectorFeatures> {
  const { Features } = await ctx.aws
    .guardduty(region, account)
    .send(new GetDetectorCommand({ DetectorId: detectorId }))
  const features: ObservedDetectorFeatures['features'] = {}
  const additional: ObservedDetectorFeatures['additional'] = {}
  for (const f of Features ?? []) {
    if (!f.Name) continue
    features[f.Name] = status(f.Status)
    const extra = (f.AdditionalConfiguration ?? []).filter((a) => a.Name)
    if (extra.length)
      additional[f.Name] = Object.fromEntries(extra.map((a) => [a.Name ?? '', status(a.Status)]))
  }
  return { features, additional }
}

/** The management account's relationship to the admin, read from the admin's side (one call). */
export async function managementMembership(
  ctx: Context,
  region: string,
  admin: string,
  detectorId: string,
): Promise<Membership> {
  const management = ctx.desired.management.id
  const { Members } = await ctx.aws
    .guardduty(region, admin)
    .send(new GetMembersCommand({ DetectorId: detectorId, AccountIds: [management] }))
  const member = Members?.find((m) => m.AccountId === management)
  if (!member) return 'none'
  return member.RelationshipStatus === 'Enabled' ? 'Enabled' : 'Removed'
}

export const registeredAdmins = (ctx: Context) => observedAdmins(ctx, SERVICE_PRINCIPAL)

/**
 * Opt-in target regions the administrator has enabled, read with account:ListRegions in the administrator
 * account itself (through the member role), only when an opt-in region is targeted. Asking from the
 * management account with AccountId would need trusted access for account.amazonaws.com (aws-facts §9);
 * asking the account about itself needs none.
 */
export async function adminOptInRegions(ctx: Context): Promise<Set<string>> {
  const optIn = ctx.desired.regions.filter(isOptInRegion)
  if (optIn.length === 0) return new Set()
  const admin = ctx.desired.securityTooling.id
  try {
    const pages = paginateListRegions(
      { client: ctx.aws.account(admin), pageSize: 50 },
      { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] },
    )
    const regions = await collect(pages, (p) => p.Regions)
    return new Set(regions.map((r) => r.RegionName ?? ''))
  } catch (error) {
    throw new AwsCallError(
      `account:ListRegions ${admin}`,
      error,
      `GuardDuty needs to know which opt-in regions (${optIn.join(', ')}) the delegated administrator has enabled`,
    )
  }
}

async function observeRegion(ctx: Context, region: string, adminEnabled: boolean): Promise<RegionObserved> {
  const admin = ctx.desired.securityTooling.id
  const [admins, detectorId] = await Promise.all([
    listAdmins(ctx, region),
    adminEnabled ? detectorOf(ctx, region, admin) : Promise.resolve(null),
  ])
  const administers = adminEnabled && admins.includes(admin) && detectorId !== null
  const [orgConfig, managementMember, adminFeatures] = administers
    ? await Promise.all([
        readOrgConfig(ctx, region, admin, detectorId),
        managementMembership(ctx, region, admin, detectorId),
        readDetectorFeatures(ctx, region, admin, detectorId),
      ])
    : [null, null, null]
  return {
    region,
    adminRegionEnabled: adminEnabled,
    admins,
    detectorId,
    orgConfig,
    managementMember,
    adminFeatures,
  }
}

export async function observeGuardDuty(ctx: Context): Promise<GuardDutyObserved> {
  const { desired } = ctx
  const [optInEnabled, registered] = await Promise.all([adminOptInRegions(ctx), registeredAdmins(ctx)])
  const regions = await Promise.all(
    desired.regions.map((region) =>
      observeRegion(ctx, region, !isOptInRegion(region) || optInEnabled.has(region)),
    ),
  )
  // GuardDuty allows one admin per organization: replacing one means removing it from every region it is
  // designated in, targeted or not. Only then are the other enabled regions read.
  const admin = desired.securityTooling.id
  const replacing =
    registered.some((id) => id !== admin) || regions.some((r) => r.admins.some((id) => id !== admin))
  const enabled = replacing ? (desired.org.enabledRegions ?? (await observeEnabledRegions(ctx.aws))) : []
  const others = enabled.filter((r) => !desired.regions.includes(r))
  const otherRegions = await Promise.all(
    others.map(async (region) => ({ region, admins: await listAdmins(ctx, region) })),
  )
  return { regions, registered, otherRegions: otherRegions.filter((r) => r.admins.length > 0) }
}
