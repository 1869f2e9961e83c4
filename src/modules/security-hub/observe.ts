// Reads Security Hub once per relevant region, all regions in parallel: the administrator from the
// management account, then the security tooling account's own hub, aggregator, organization configuration
// and (central configuration) the org-baseline policy and the associations of the configured targets.
// Nothing is read per member account: central configuration and auto-enable already say what members get.
import {
  DescribeHubCommand,
  DescribeOrganizationConfigurationCommand,
  GetConfigurationPolicyAssociationCommand,
  GetConfigurationPolicyCommand,
  GetFindingAggregatorCommand,
  paginateDescribeStandards,
  paginateGetEnabledStandards,
  paginateListConfigurationPolicies,
  paginateListFindingAggregators,
  paginateListOrganizationAdminAccounts,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub'
import type { AwsClients } from '../../aws/clients.ts'
import { collect } from '../../aws/paginate.ts'
import type { Desired } from '../../engine/desired.ts'
import { errorName } from '../../errors.ts'
import type {
  AggregatorObserved,
  AssociationObserved,
  CatalogueEntry,
  CentralObserved,
  OrgConfigurationObserved,
  PolicyObserved,
  RegionLinkingMode,
  RegionObserved,
  SecurityHubObserved,
} from './observed.ts'
import { POLICY_NAME, recordedStandards } from './observed.ts'
import { standardPath } from './standards.ts'
import { type PolicyTarget, policyTargets, relevantRegions } from './targets.ts'

/** AWS's answer for a hub that is not on: InvalidAccessException "… is not subscribed to AWS Security Hub". */
const isNotSubscribed = (error: unknown) =>
  errorName(error) === 'InvalidAccessException' && /not subscribed/i.test((error as Error).message)

export async function adminIn(aws: AwsClients, region: string): Promise<string | null> {
  const pages = paginateListOrganizationAdminAccounts({ client: aws.securityhub(region), pageSize: 10 }, {})
  const admins = await collect(pages, (p) => p.AdminAccounts)
  return admins.find((a) => a.Status === 'ENABLED')?.AccountId ?? null
}

export async function hubOn(client: SecurityHubClient): Promise<boolean> {
  try {
    await client.send(new DescribeHubCommand({}))
    return true
  } catch (error) {
    if (isNotSubscribed(error)) return false
    throw error
  }
}

export async function catalogueIn(client: SecurityHubClient): Promise<CatalogueEntry[] | null> {
  try {
    const standards = await collect(
      paginateDescribeStandards({ client, pageSize: 100 }, {}),
      (p) => p.Standards,
    )
    return standards.map((s) => ({ arn: s.StandardsArn ?? '', path: standardPath(s.StandardsArn ?? '') }))
  } catch (error) {
    if (isNotSubscribed(error)) return null
    throw error
  }
}

export async function enabledStandards(client: SecurityHubClient): Promise<string[]> {
  const subscriptions = await collect(
    paginateGetEnabledStandards({ client, pageSize: 100 }, {}),
    (p) => p.StandardsSubscriptions,
  )
  return subscriptions
    .filter((s) => s.StandardsStatus !== 'DELETING')
    .map((s) => s.StandardsArn ?? '')
    .sort()
}

export async function orgConfiguration(client: SecurityHubClient): Promise<OrgConfigurationObserved> {
  const out = await client.send(new DescribeOrganizationConfigurationCommand({}))
  return {
    configurationType: out.OrganizationConfiguration?.ConfigurationType === 'CENTRAL' ? 'CENTRAL' : 'LOCAL',
    status: out.OrganizationConfiguration?.Status ?? 'ENABLED',
    ...(out.OrganizationConfiguration?.StatusMessage
      ? { statusMessage: out.OrganizationConfiguration.StatusMessage }
      : {}),
    autoEnable: out.AutoEnable ?? false,
    autoEnableStandards: out.AutoEnableStandards ?? 'DEFAULT',
  }
}

export async function findingAggregator(client: SecurityHubClient): Promise<AggregatorObserved | null> {
  const listed = await collect(
    paginateListFindingAggregators({ client, pageSize: 100 }, {}),
    (p) => p.FindingAggregators,
  )
  const arn = listed[0]?.FindingAggregatorArn
  if (!arn) return null
  const got = await client.send(new GetFindingAggregatorCommand({ FindingAggregatorArn: arn }))
  return {
    arn,
    region: got.FindingAggregationRegion ?? '',
    mode: (got.RegionLinkingMode ?? 'NO_REGIONS') as RegionLinkingMode,
    regions: [...(got.Regions ?? [])].sort(),
  }
}

export async function baselinePolicy(client: SecurityHubClient): Promise<PolicyObserved | null> {
  const summaries = await collect(
    paginateListConfigurationPolicies({ client, pageSize: 100 }, {}),
    (p) => p.ConfigurationPolicySummaries,
  )
  const summary = summaries.find((s) => s.Name === POLICY_NAME)
  if (!summary?.Id) return null
  const got = await client.send(new GetConfigurationPolicyCommand({ Identifier: summary.Id }))
  const sh = got.ConfigurationPolicy?.SecurityHub
  return {
    id: summary.Id,
    arn: got.Arn ?? summary.Arn ?? '',
    name: POLICY_NAME,
    serviceEnabled: sh?.ServiceEnabled ?? false,
    standards: [...(sh?.EnabledStandardIdentifiers ?? [])].sort(),
    recorded: recordedStandards(got.Description),
  }
}

export async function association(
  client: SecurityHubClient,
  target: PolicyTarget,
): Promise<AssociationObserved> {
  const got = await client.send(
    new GetConfigurationPolicyAssociationCommand({
      Target: target.kind === 'root' ? { RootId: target.id } : { OrganizationalUnitId: target.id },
    }),
  )
  return {
    policyId: got.ConfigurationPolicyId ?? '',
    associationType: got.AssociationType === 'APPLIED' ? 'APPLIED' : 'INHERITED',
    status: got.AssociationStatus ?? '',
    ...(got.AssociationStatusMessage ? { statusMessage: got.AssociationStatusMessage } : {}),
  }
}

async function observeRegion(
  aws: AwsClients,
  desired: Desired,
  region: string,
  local: boolean,
): Promise<RegionObserved> {
  const tooling = desired.securityTooling.id
  const client = aws.securityhub(region, tooling)
  const [admin, hub, catalogue] = await Promise.all([
    adminIn(aws, region),
    hubOn(client),
    catalogueIn(client),
  ])
  const [orgConfig, standards] = await Promise.all([
    admin === tooling ? orgConfiguration(client) : null,
    local && hub ? enabledStandards(client) : null,
  ])
  return { admin, hub, orgConfig, enabledStandards: standards, catalogue }
}

async function observeCentral(client: SecurityHubClient, targets: PolicyTarget[]): Promise<CentralObserved> {
  const [policy, associations] = await Promise.all([
    baselinePolicy(client),
    Promise.all(targets.map((t) => association(client, t))),
  ])
  return {
    policy,
    associations: Object.fromEntries(targets.map((t, i) => [t.id, associations[i] as AssociationObserved])),
  }
}

export async function observeSecurityHub(aws: AwsClients, desired: Desired): Promise<SecurityHubObserved> {
  const settings = desired.config.securityHub
  const home = settings.aggregationRegion
  const local = settings.configuration === 'local'
  const regions = relevantRegions(desired)
  const observed = await Promise.all(regions.map((r) => observeRegion(aws, desired, r, local)))
  const byRegion = Object.fromEntries(regions.map((r, i) => [r, observed[i] as RegionObserved]))
  const homeObserved = byRegion[home]
  const client = aws.securityhub(home, desired.securityTooling.id)
  const [aggregator, central] = await Promise.all([
    homeObserved?.hub ? findingAggregator(client) : null,
    // Policies and associations exist only once central configuration is on (the API refuses otherwise).
    homeObserved?.orgConfig?.configurationType === 'CENTRAL'
      ? observeCentral(client, policyTargets(desired))
      : null,
  ])
  return { regions: byRegion, aggregator, central }
}
