// Applies one Security Hub change: re-read the target, compare with the plan (`recheck`), then write.
// AWS's "already done" answers count as success.
import { isDeepStrictEqual } from 'node:util'
import {
  BatchDisableStandardsCommand,
  BatchEnableStandardsCommand,
  CreateConfigurationPolicyCommand,
  CreateFindingAggregatorCommand,
  DisableOrganizationAdminAccountCommand,
  EnableOrganizationAdminAccountCommand,
  EnableSecurityHubCommand,
  paginateGetEnabledStandards,
  type SecurityHubClient,
  StartConfigurationPolicyAssociationCommand,
  UpdateConfigurationPolicyCommand,
  UpdateFindingAggregatorCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub'
import { collect } from '../../aws/paginate.ts'
import { retryConflicts } from '../../aws/retry-conflicts.ts'
import type { SecurityHubStandard } from '../../config/schema.ts'
import type { Change } from '../../engine/change.ts'
import type { Context } from '../../engine/module.ts'
import { recheck } from '../../engine/recheck.ts'
import { errorName, StalePlanError } from '../../errors.ts'
import {
  adminIn,
  association,
  baselinePolicy,
  catalogueIn,
  enabledStandards,
  findingAggregator,
  hubOn,
  orgConfiguration,
} from './observe.ts'
import { POLICY_NAME, policyDescription } from './observed.ts'
import { waitSettled } from './settle.ts'
import { resolveStandards } from './standards.ts'
import { policyTargets } from './targets.ts'
import {
  type AggregatorView,
  adminView,
  aggregatorView,
  associationView,
  centralView,
  hubView,
  localView,
  policyView,
  standardsView,
} from './views.ts'

const MANAGED_TAGS = { 'org-baseline:managed': 'true' }

/** A write AWS refuses because it is already true: success, once a fresh read confirms it. */
async function alreadyDone(write: () => Promise<unknown>, code: string, confirm: () => Promise<boolean>) {
  try {
    await retryConflicts(write)
  } catch (error) {
    if (errorName(error) !== code || !(await confirm())) throw error
  }
}

/** The configured standards' ARNs, read from the catalogue as the security tooling account (its hub is on by now). */
async function standardArns(client: SecurityHubClient, region: string, keys: string[]): Promise<string[]> {
  const catalogue = await catalogueIn(client)
  const arns = resolveStandards(keys as SecurityHubStandard[], catalogue, region)
  if (!arns)
    throw new StalePlanError(
      `Security Hub is not on in the security tooling account in ${region} — run plan again`,
    )
  return arns
}

async function applyAdmin(change: Change, ctx: Context, region: string) {
  const wanted = (change.after as { accountId: string }).accountId
  const current = adminView(await adminIn(ctx.aws, region))
  if (recheck(change, current) === 'done') return
  const client = ctx.aws.securityhub(region)
  if (current) {
    await retryConflicts(() =>
      client.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: current.accountId })),
    )
  }
  await alreadyDone(
    () => client.send(new EnableOrganizationAdminAccountCommand({ AdminAccountId: wanted })),
    'ResourceConflictException',
    async () => (await adminIn(ctx.aws, region)) === wanted,
  )
}

async function applyHub(change: Change, client: SecurityHubClient) {
  if (recheck(change, hubView(await hubOn(client))) === 'done') return
  // Standards come from the config (policy or per region), never from AWS's defaults.
  await alreadyDone(
    () => client.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false, Tags: MANAGED_TAGS })),
    'ResourceConflictException',
    () => hubOn(client),
  )
}

async function applyAggregator(change: Change, client: SecurityHubClient) {
  const found = await findingAggregator(client)
  if (recheck(change, aggregatorView(found)) === 'done') return
  const wanted = change.after as AggregatorView
  const linking = {
    RegionLinkingMode: wanted.mode as 'ALL_REGIONS',
    ...(wanted.regions.length > 0 ? { Regions: wanted.regions } : {}),
  }
  await retryConflicts(() =>
    found
      ? client.send(new UpdateFindingAggregatorCommand({ FindingAggregatorArn: found.arn, ...linking }))
      : client.send(new CreateFindingAggregatorCommand(linking)),
  )
}

async function applyOrgConfig(change: Change, ctx: Context, client: SecurityHubClient, region: string) {
  const after = change.after as {
    configurationType: string
    autoEnable?: boolean
    autoEnableStandards?: string
  }
  const observed = await orgConfiguration(client)
  const current = after.configurationType === 'CENTRAL' ? centralView(observed) : localView(observed)
  if (isDeepStrictEqual(current, after)) return
  // A null `before` means the administrator was not designated when planned, so nothing could be read:
  // any setting found now is the one the plan meant to replace.
  if (change.before !== null) recheck(change, current)
  const input =
    after.configurationType === 'CENTRAL'
      ? // AWS requires AutoEnable false and AutoEnableStandards NONE with CENTRAL (aws-facts §4).
        { AutoEnable: false, AutoEnableStandards: 'NONE' as const }
      : { AutoEnable: after.autoEnable ?? true, AutoEnableStandards: after.autoEnableStandards as 'DEFAULT' }
  await retryConflicts(() =>
    client.send(
      new UpdateOrganizationConfigurationCommand({
        ...input,
        OrganizationConfiguration: { ConfigurationType: after.configurationType as 'CENTRAL' },
      }),
    ),
  )
  if (after.configurationType !== 'CENTRAL') return
  await waitSettled(ctx, `Security Hub central configuration in ${region}`, async () => {
    const now = await orgConfiguration(client)
    return {
      // Still LOCAL right after the write reads as not settled yet.
      status: now.configurationType === 'CENTRAL' ? now.status : 'PENDING',
      ...(now.statusMessage ? { message: now.statusMessage } : {}),
    }
  })
}

async function applyPolicy(change: Change, client: SecurityHubClient, region: string) {
  const found = await baselinePolicy(client)
  if (recheck(change, policyView(found)) === 'done') return
  const after = change.after as { standards: string[] }
  const ConfigurationPolicy = {
    SecurityHub: {
      ServiceEnabled: true,
      EnabledStandardIdentifiers: await standardArns(client, region, after.standards),
      // An empty disabled list: every control, including ones AWS adds later, is on.
      SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: [] },
    },
  }
  await retryConflicts(() =>
    found
      ? client.send(
          new UpdateConfigurationPolicyCommand({
            Identifier: found.id,
            Description: policyDescription(after.standards),
            ConfigurationPolicy,
          }),
        )
      : client.send(
          new CreateConfigurationPolicyCommand({
            Name: POLICY_NAME,
            Description: policyDescription(after.standards),
            ConfigurationPolicy,
            Tags: MANAGED_TAGS,
          }),
        ),
  )
}

async function applyAssociation(change: Change, ctx: Context, client: SecurityHubClient) {
  const label = (change.after as { target: string }).target
  const target = policyTargets(ctx.desired).find((t) => t.label === label)
  if (!target)
    throw new StalePlanError(`${change.address}: the config no longer targets ${label} — run plan again`)
  const policy = await baselinePolicy(client)
  if (!policy)
    throw new StalePlanError(`${change.address}: policy ${POLICY_NAME} does not exist — run plan again`)
  const current = associationView(target, await association(client, target), policy)
  if (recheck(change, current) === 'done') return
  await retryConflicts(() =>
    client.send(
      new StartConfigurationPolicyAssociationCommand({
        ConfigurationPolicyIdentifier: policy.id,
        Target: target.kind === 'root' ? { RootId: target.id } : { OrganizationalUnitId: target.id },
      }),
    ),
  )
  await waitSettled(ctx, `Security Hub policy association with ${label}`, async () => {
    const now = await association(client, target)
    return {
      // Another policy still showing (a read before the write landed) is not settled yet.
      status: now.policyId === policy.id ? now.status || 'PENDING' : 'PENDING',
      ...(now.statusMessage ? { message: now.statusMessage } : {}),
    }
  })
}

async function applyStandards(change: Change, client: SecurityHubClient, region: string) {
  if (recheck(change, standardsView(await enabledStandards(client))) === 'done') return
  const wanted = await standardArns(client, region, (change.after as { standards: string[] }).standards)
  const subscriptions = await collect(
    paginateGetEnabledStandards({ client, pageSize: 100 }, {}),
    (p) => p.StandardsSubscriptions,
  )
  const have = new Set(subscriptions.map((s) => s.StandardsArn ?? ''))
  const enable = wanted.filter((arn) => !have.has(arn))
  const disable = subscriptions
    .filter((s) => !wanted.includes(s.StandardsArn ?? '') && s.StandardsStatus !== 'DELETING')
    .map((s) => s.StandardsSubscriptionArn ?? '')
  // At most six standards exist, well under the 25 a batch takes (aws-facts §4).
  if (enable.length > 0) {
    await retryConflicts(() =>
      client.send(
        new BatchEnableStandardsCommand({
          StandardsSubscriptionRequests: enable.map((StandardsArn) => ({ StandardsArn })),
        }),
      ),
    )
  }
  if (disable.length > 0) {
    await retryConflicts(() =>
      client.send(new BatchDisableStandardsCommand({ StandardsSubscriptionArns: disable })),
    )
  }
}

export async function applySecurityHubChange(change: Change, ctx: Context): Promise<void> {
  const region = change.region ?? ctx.desired.config.securityHub.aggregationRegion
  const client = ctx.aws.securityhub(region, ctx.desired.securityTooling.id)
  const kind = change.address.slice('security-hub.'.length, change.address.indexOf('['))
  switch (kind) {
    case 'admin':
      return applyAdmin(change, ctx, region)
    case 'hub':
      return applyHub(change, client)
    case 'aggregator':
      return applyAggregator(change, client)
    case 'org-config':
      return applyOrgConfig(change, ctx, client, region)
    case 'policy':
      return applyPolicy(change, client, region)
    case 'association':
      return applyAssociation(change, ctx, client)
    case 'standards':
      return applyStandards(change, client, region)
    default:
      throw new Error(`security-hub cannot apply ${change.address}`)
  }
}
