// Configuration aggregators. An organization aggregator may be put by the management account (Config then
// enables trusted access for config.amazonaws.com itself) or by a delegated administrator registered for
// Config (aws-facts §5); it needs an organization with all features enabled.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { Operation } from '../service.ts'
import { CONFIG_SLR, ensureServiceLinkedRole } from '../service-linked-roles.ts'
import { pageOf } from '../token-paging.ts'
import { checkServiceLinkedRole, validateRoleArn } from './recorders.ts'
import { type Aggregator, configRegion, type OrganizationSource, peekConfigRegion } from './state.ts'

export const CONFIG_PRINCIPAL = 'config.amazonaws.com'
export const CONFIG_MULTI_ACCOUNT_PRINCIPAL = 'config-multiaccountsetup.amazonaws.com'
const NAME = /^[\w-]{1,256}$/
const MAX_AGGREGATORS = 50
const MAX_LIMIT = 100

const invalidParameter = (message: string) => new SandboxError('InvalidParameterValueException', message)
const noSuchAggregator = () =>
  new SandboxError(
    'NoSuchConfigurationAggregatorException',
    'The configuration aggregator does not exist. Check the configuration aggregator name and try again.',
  )

function regionList(world: World, value: unknown, allRegions: unknown, where: string): string[] | undefined {
  const regions = Array.isArray(value) ? (value as unknown[]) : undefined
  const all = allRegions === true
  if (all && regions && regions.length > 0) {
    throw invalidParameter(`${where}: specify either AllAwsRegions or AwsRegions, not both.`)
  }
  if (!all && (!regions || regions.length === 0)) {
    throw invalidParameter(`${where}: specify AllAwsRegions or a non-empty AwsRegions list.`)
  }
  for (const region of regions ?? []) {
    if (typeof region !== 'string' || !world.regions.includes(region)) {
      throw invalidParameter(`The region ${String(region)} is not valid.`)
    }
  }
  return regions as string[] | undefined
}

/** Who may aggregate the organization: the management account, or a delegated administrator for Config. */
function checkOrganizationAccess(world: World, account: string): void {
  if (!world.accounts.has(account)) {
    throw new SandboxError('NoAvailableOrganizationException', 'Organization is no longer available.')
  }
  if (world.featureSet !== 'ALL') {
    throw new SandboxError(
      'OrganizationAllFeaturesNotEnabledException',
      'Config resource cannot be created because your organization does not have all features enabled.',
    )
  }
  if (account === world.managementAccountId) {
    // Config calls EnableAWSServiceAccess on the management account's behalf.
    if (!world.trustedAccess.has(CONFIG_PRINCIPAL)) {
      world.trustedAccess.set(CONFIG_PRINCIPAL, world.clock.date())
      // "This role is created when you enable AWS Config in your organization by creating a multi-account
      // aggregator" (Organizations user guide, services-that-can-integrate-config).
      ensureServiceLinkedRole(world, account, CONFIG_SLR)
    }
    return
  }
  // The setup guide has the management account register the administrator under both principals before it
  // creates an organization aggregator (aws-facts §5); both are checked, and trusted access must still be on.
  const missing = [CONFIG_PRINCIPAL, CONFIG_MULTI_ACCOUNT_PRINCIPAL].filter(
    (p) => !world.isDelegatedAdmin(account, p),
  )
  if (missing.length > 0 || !world.hasTrustedAccess(CONFIG_PRINCIPAL)) {
    throw new SandboxError(
      'OrganizationAccessDeniedException',
      `This action can only be performed if you are a registered delegated administrator for AWS Config with permissions to call ListDelegatedAdministrators API.${missing.length > 0 ? ` Not registered for: ${missing.join(', ')}.` : ''}`,
    )
  }
}

/** PutConfigurationAggregator's effect (also used by the CloudFormation provider). */
export function putAggregator(
  world: World,
  account: string,
  region: string,
  input: Record<string, unknown>,
): Aggregator {
  const name = input.ConfigurationAggregatorName
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw new SandboxError(
      'ValidationException',
      `1 validation error detected: Value '${String(name)}' at 'configurationAggregatorName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w\\-]+`,
    )
  }
  const accountSources = Array.isArray(input.AccountAggregationSources)
    ? (input.AccountAggregationSources as Array<Record<string, unknown>>)
    : undefined
  const orgSource = input.OrganizationAggregationSource as Record<string, unknown> | undefined
  const hasAccountSources = accountSources !== undefined && accountSources.length > 0
  if (hasAccountSources === Boolean(orgSource)) {
    throw invalidParameter(
      'Specify either AccountAggregationSources or OrganizationAggregationSource, not both.',
    )
  }
  let organizationSource: OrganizationSource | undefined
  if (orgSource) {
    const roleArn = validateRoleArn(typeof orgSource.RoleArn === 'string' ? orgSource.RoleArn : undefined)
    const regions = regionList(
      world,
      orgSource.AwsRegions,
      orgSource.AllAwsRegions,
      'OrganizationAggregationSource',
    )
    checkOrganizationAccess(world, account)
    checkServiceLinkedRole(world, roleArn)
    organizationSource = {
      RoleArn: roleArn,
      ...(regions ? { AwsRegions: regions } : { AllAwsRegions: true }),
    }
  }
  for (const source of accountSources ?? []) {
    const ids = source.AccountIds
    if (
      !Array.isArray(ids) ||
      ids.length === 0 ||
      ids.some((id) => typeof id !== 'string' || !/^\d{12}$/.test(id))
    ) {
      throw invalidParameter('AccountIds must be a non-empty list of 12-digit account ids.')
    }
    regionList(world, source.AwsRegions, source.AllAwsRegions, 'AccountAggregationSource')
  }
  const state = configRegion(world, account, region)
  const now = world.clock.date()
  const existing = state.aggregators.get(name)
  if (!existing && state.aggregators.size >= MAX_AGGREGATORS) {
    throw new SandboxError(
      'LimitExceededException',
      `You have reached the limit of ${MAX_AGGREGATORS} aggregators.`,
    )
  }
  const aggregator: Aggregator = existing ?? {
    name,
    arn: `arn:aws:config:${region}:${account}:config-aggregator/config-aggregator-${world.nextId(8)}`,
    createdAt: now,
    updatedAt: now,
    tags: new Map(
      (Array.isArray(input.Tags) ? (input.Tags as Array<{ Key?: unknown; Value?: unknown }>) : []).map(
        (t) => [String(t.Key), String(t.Value ?? '')],
      ),
    ),
  }
  aggregator.accountSources = accountSources?.map((s) => ({
    AccountIds: s.AccountIds as string[],
    ...(s.AllAwsRegions === true ? { AllAwsRegions: true } : { AwsRegions: s.AwsRegions as string[] }),
  }))
  aggregator.organizationSource = organizationSource
  aggregator.filters = input.AggregatorFilters
  aggregator.updatedAt = now
  state.aggregators.set(name, aggregator)
  return aggregator
}

export function deleteAggregator(world: World, account: string, region: string, name: string): void {
  const state = peekConfigRegion(world, account, region)
  if (!state?.aggregators.delete(name)) throw noSuchAggregator()
}

export function aggregatorOutput(a: Aggregator): Record<string, unknown> {
  return {
    ConfigurationAggregatorName: a.name,
    ConfigurationAggregatorArn: a.arn,
    AccountAggregationSources: a.accountSources,
    OrganizationAggregationSource: a.organizationSource,
    CreationTime: a.createdAt,
    LastUpdatedTime: a.updatedAt,
    AggregatorFilters: a.filters,
  }
}

function pageLimit(value: unknown): number {
  const limit = value === undefined || value === null ? 0 : Number(value)
  if (!Number.isInteger(limit) || limit < 0 || limit > MAX_LIMIT) {
    throw new SandboxError(
      'InvalidLimitException',
      `1 validation error detected: Value '${String(value)}' at 'limit' failed to satisfy constraint: Member must have value less than or equal to ${MAX_LIMIT}`,
    )
  }
  return limit === 0 ? MAX_LIMIT : limit // 0 means "the default", which is the maximum
}

const invalidToken = () =>
  new SandboxError(
    'InvalidNextTokenException',
    'The nextToken provided is invalid. Specify the nextToken string that was returned in the previous response to get the next page of results.',
  )

interface SourceStatus {
  SourceId: string
  SourceType: 'ACCOUNT' | 'ORGANIZATION'
  AwsRegion: string
  LastUpdateStatus: 'FAILED' | 'SUCCEEDED' | 'OUTDATED'
  LastUpdateTime: Date
  LastErrorCode?: string
  LastErrorMessage?: string
}

/**
 * Each source account and region: SUCCEEDED where Config is recording there, FAILED otherwise. For an
 * organization source the organization itself is a source too, failing once the aggregator's account has
 * lost the right to read the organization.
 */
function sourceStatuses(world: World, owner: string, a: Aggregator): SourceStatus[] {
  const now = world.clock.date()
  const statuses: SourceStatus[] = []
  const forAccount = (accountId: string, regions: string[] | undefined) => {
    for (const region of regions ?? world.regions.filter((r) => world.isRegionEnabled(accountId, r))) {
      const recorder = peekConfigRegion(world, accountId, region)?.recorder
      const ok = recorder?.recording === true
      statuses.push({
        SourceId: accountId,
        SourceType: 'ACCOUNT',
        AwsRegion: region,
        LastUpdateStatus: ok ? 'SUCCEEDED' : 'FAILED',
        LastUpdateTime: now,
        ...(!ok && {
          LastErrorCode: 'NoAvailableConfigurationRecorder',
          LastErrorMessage: 'Config is not recording in this account and region.',
        }),
      })
    }
  }
  if (a.organizationSource) {
    const regions = a.organizationSource.AwsRegions
    let orgOk = true
    try {
      if (owner !== world.managementAccountId) checkOrganizationAccess(world, owner)
      // The aggregator reads the organization through its role: a service-linked role deleted since
      // leaves Config nothing to call Organizations with (crafted outcome; AWS's error text unknown).
      checkServiceLinkedRole(world, a.organizationSource.RoleArn)
    } catch {
      orgOk = false
    }
    for (const region of regions ?? world.regions.filter((r) => world.isRegionEnabled(owner, r))) {
      statuses.push({
        SourceId: world.organizationId,
        SourceType: 'ORGANIZATION',
        AwsRegion: region,
        LastUpdateStatus: orgOk ? 'SUCCEEDED' : 'FAILED',
        LastUpdateTime: now,
        ...(!orgOk && {
          LastErrorCode: 'OrganizationAccessDenied',
          LastErrorMessage: 'Organization access denied.',
        }),
      })
    }
    if (orgOk) {
      for (const account of world.accounts.values()) {
        if (account.status === 'ACTIVE') forAccount(account.id, regions)
      }
    }
  }
  for (const source of a.accountSources ?? []) {
    for (const id of source.AccountIds) forAccount(id, source.AllAwsRegions ? undefined : source.AwsRegions)
  }
  return statuses
}

export const aggregatorOperations: Record<string, Operation> = {
  PutConfigurationAggregator(input, ctx) {
    const aggregator = putAggregator(ctx.world, ctx.account, ctx.region, input)
    return { ConfigurationAggregator: aggregatorOutput(aggregator) }
  },

  DescribeConfigurationAggregators(input, ctx) {
    const size = pageLimit(input.Limit)
    const all = [...(peekConfigRegion(ctx.world, ctx.account, ctx.region)?.aggregators.values() ?? [])]
    const names = Array.isArray(input.ConfigurationAggregatorNames)
      ? (input.ConfigurationAggregatorNames as string[])
      : []
    const selected = names.length === 0 ? all : names.map((n) => all.find((a) => a.name === n))
    if (selected.some((a) => a === undefined)) throw noSuchAggregator()
    const scope = `aggregators:${names.join(',')}`
    const page = pageOf(selected as Aggregator[], input.NextToken, size, ctx, scope, invalidToken)
    return { ConfigurationAggregators: page.items.map(aggregatorOutput), NextToken: page.nextToken }
  },

  DeleteConfigurationAggregator(input, ctx) {
    deleteAggregator(ctx.world, ctx.account, ctx.region, String(input.ConfigurationAggregatorName ?? ''))
    return {}
  },

  DescribeConfigurationAggregatorSourcesStatus(input, ctx) {
    const size = pageLimit(input.Limit)
    const name = String(input.ConfigurationAggregatorName ?? '')
    const aggregator = peekConfigRegion(ctx.world, ctx.account, ctx.region)?.aggregators.get(name)
    if (!aggregator) throw noSuchAggregator()
    const wanted = Array.isArray(input.UpdateStatus) ? (input.UpdateStatus as string[]) : []
    const statuses = sourceStatuses(ctx.world, ctx.account, aggregator).filter(
      (s) => wanted.length === 0 || wanted.includes(s.LastUpdateStatus),
    )
    const page = pageOf(
      statuses,
      input.NextToken,
      size,
      ctx,
      `sources:${name}:${wanted.join(',')}`,
      invalidToken,
    )
    return { AggregatedSourceStatusList: page.items, NextToken: page.nextToken }
  },
}
