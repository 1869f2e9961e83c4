// Reads the organization once: the root, the OU tree level by level, and the accounts of each parent
// (pages of 20, the API's maximum). ListAccountsForParent gives each account's parent for free, so the
// whole tree costs one call per OU plus one per 20 accounts — never a call per account.
import { paginateListRegions } from '@aws-sdk/client-account'
import {
  DescribeOrganizationCommand,
  paginateListAccountsForParent,
  paginateListOrganizationalUnitsForParent,
} from '@aws-sdk/client-organizations'
import type { AwsClients } from '../../aws/clients.ts'
import { collect } from '../../aws/paginate.ts'
import { isOptInRegion } from '../../config/regions.ts'
import type { OrgConfig } from '../../config/schema.ts'
import { AwsCallError, OrgBaselineError } from '../../errors.ts'
import { readRoot } from './root.ts'
import { type OrgAccount, type OrgSnapshot, type OrgUnit, ROOT_PATH } from './snapshot.ts'

const PAGE = 20

export interface ObserveOrganizationOptions {
  /** Read the management account's enabled regions (account:ListRegions); default true. */
  enabledRegions?: boolean
}

/**
 * Whether resolving the config needs the management account's enabled regions: `targets: enabled`, or a listed
 * opt-in region (default regions are enabled in every account and cannot be disabled, so a list of them needs
 * no call).
 */
export const needsEnabledRegions = (config: OrgConfig): boolean =>
  config.regions.targets === 'enabled' || config.regions.targets.some(isOptInRegion)

export async function observeOrganization(
  aws: AwsClients,
  options: ObserveOrganizationOptions = {},
): Promise<OrgSnapshot> {
  const org = aws.organizations()
  const [described, root, enabledRegions] = await Promise.all([
    org.send(new DescribeOrganizationCommand({})).catch((error) => {
      throw new AwsCallError(
        'organizations:DescribeOrganization',
        error,
        'run the tool with credentials of the management account',
      )
    }),
    readRoot(org),
    options.enabledRegions === false ? undefined : observeEnabledRegions(aws),
  ])
  const organization = described.Organization
  if (!organization?.Id || !organization.MasterAccountId || !root?.Id) {
    throw new OrgBaselineError('Organization', 'Organizations returned no organization or root')
  }
  if (organization.FeatureSet !== 'ALL') {
    throw new OrgBaselineError(
      'OrganizationFeatures',
      `organization ${organization.Id} has feature set ${organization.FeatureSet}: SCPs, trusted access and delegated administrators need all features — enable them in the Organizations console (Settings → Enable all features)`,
    )
  }

  const units: OrgUnit[] = []
  const accounts: OrgAccount[] = []
  let level = [{ id: root.Id, path: ROOT_PATH }]
  while (level.length > 0) {
    const next: { id: string; path: string }[] = []
    await Promise.all(
      level.map(async (parent) => {
        const [children, members] = await Promise.all([
          collect(
            paginateListOrganizationalUnitsForParent(
              { client: org, pageSize: PAGE },
              { ParentId: parent.id },
            ),
            (p) => p.OrganizationalUnits,
          ),
          collect(
            paginateListAccountsForParent({ client: org, pageSize: PAGE }, { ParentId: parent.id }),
            (p) => p.Accounts,
          ),
        ])
        for (const ou of children) {
          const path = parent.path === ROOT_PATH ? (ou.Name ?? '') : `${parent.path}/${ou.Name}`
          units.push({ id: ou.Id ?? '', name: ou.Name ?? '', parentId: parent.id, path })
          next.push({ id: ou.Id ?? '', path })
        }
        for (const a of members) {
          accounts.push({
            id: a.Id ?? '',
            name: a.Name ?? '',
            email: a.Email ?? '',
            status: a.State ?? a.Status ?? 'UNKNOWN',
            parentId: parent.id,
            path: parent.path,
          })
        }
      }),
    )
    level = next
  }

  return {
    id: organization.Id,
    featureSet: organization.FeatureSet,
    managementAccountId: organization.MasterAccountId,
    rootId: root.Id,
    enabledPolicyTypes: (root.PolicyTypes ?? [])
      .filter((t) => t.Status === 'ENABLED')
      .map((t) => t.Type ?? ''),
    units: units.sort((a, b) => a.path.localeCompare(b.path)),
    accounts: accounts.sort((a, b) => a.id.localeCompare(b.id)),
    ...(enabledRegions ? { enabledRegions } : {}),
  }
}

/** Regions enabled in the calling (management) account: default ones and opted-in ones. */
export async function observeEnabledRegions(aws: AwsClients): Promise<string[]> {
  const regions = await collect(
    paginateListRegions(
      { client: aws.account(), pageSize: 50 },
      { RegionOptStatusContains: ['ENABLED', 'ENABLED_BY_DEFAULT'] },
    ),
    (p) => p.Regions,
  ).catch((error) => {
    throw new AwsCallError('account:ListRegions', error)
  })
  return regions.map((r) => r.RegionName ?? '').sort()
}
