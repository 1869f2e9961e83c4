// DescribeOrganizationConfiguration / UpdateOrganizationConfiguration (aws-facts §4): LOCAL settings per region,
// or CENTRAL configuration from the home region, PENDING → ENABLED over simulated time.
import type { CallContext, RestRequest } from '../service.ts'
import { closeAutoEnable, recordAutoEnable } from './auto-enable.ts'
import { centralFailureMessage, centralStatus, governedRegions } from './central.ts'
import { conflict, invalidInput, notAdministrator } from './errors.ts'
import { linkedRegions } from './finding-aggregator.ts'
import { type LocalConfiguration, securityHubState } from './state.ts'

/** Members per administrator per region (Security Hub user guide: 10,000). */
export const MEMBER_ACCOUNT_LIMIT = 10_000

export function requireAdministrator(ctx: CallContext): void {
  if (securityHubState(ctx.world).admins.get(ctx.region)?.accountId !== ctx.account)
    throw notAdministrator(ctx.account)
}

function localOf(ctx: CallContext): LocalConfiguration {
  return (
    securityHubState(ctx.world).local.get(ctx.region) ?? { autoEnable: false, autoEnableStandards: 'DEFAULT' }
  )
}

export function describeOrganizationConfiguration(_req: RestRequest, ctx: CallContext) {
  requireAdministrator(ctx)
  const status = centralStatus(ctx.world)
  const limitReached = ctx.world.accounts.size - 1 >= MEMBER_ACCOUNT_LIMIT
  const failure = centralFailureMessage(ctx.world)
  if (failure && securityHubState(ctx.world).central?.homeRegion === ctx.region) {
    const local = localOf(ctx)
    return {
      AutoEnable: local.autoEnable,
      MemberAccountLimitReached: limitReached,
      AutoEnableStandards: local.autoEnableStandards,
      OrganizationConfiguration: { ConfigurationType: 'CENTRAL', Status: 'FAILED', StatusMessage: failure },
    }
  }
  if (status && status !== 'FAILED' && governedRegions(ctx.world).includes(ctx.region)) {
    return {
      AutoEnable: false,
      MemberAccountLimitReached: limitReached,
      AutoEnableStandards: 'NONE',
      OrganizationConfiguration: { ConfigurationType: 'CENTRAL', Status: status },
    }
  }
  const local = localOf(ctx)
  return {
    AutoEnable: local.autoEnable,
    MemberAccountLimitReached: limitReached,
    AutoEnableStandards: local.autoEnableStandards,
    OrganizationConfiguration: { ConfigurationType: 'LOCAL', Status: 'ENABLED' },
  }
}

export function updateOrganizationConfiguration(req: RestRequest, ctx: CallContext) {
  requireAdministrator(ctx)
  const state = securityHubState(ctx.world)
  const { AutoEnable, AutoEnableStandards, OrganizationConfiguration } = req.body
  if (typeof AutoEnable !== 'boolean') throw invalidInput('AutoEnable is required and must be a boolean')
  if (
    AutoEnableStandards !== undefined &&
    AutoEnableStandards !== 'NONE' &&
    AutoEnableStandards !== 'DEFAULT'
  ) {
    throw invalidInput(`Invalid AutoEnableStandards ${String(AutoEnableStandards)}`)
  }
  const type = (OrganizationConfiguration as Record<string, unknown> | undefined)?.ConfigurationType
  if (type !== undefined && type !== 'CENTRAL' && type !== 'LOCAL')
    throw invalidInput(`Invalid ConfigurationType ${String(type)}`)
  const status = centralStatus(ctx.world)
  const governed =
    status !== undefined && status !== 'FAILED' && governedRegions(ctx.world).includes(ctx.region)

  if (type === 'CENTRAL') {
    const aggregator = state.aggregators.get(ctx.account)
    // Eventual mode: the preconditions are judged when the switch settles, and a miss reads FAILED (central.ts).
    const deferred = ctx.world.consistency.eventual
    if (!deferred && (!aggregator || aggregator.homeRegion !== ctx.region)) {
      throw invalidInput(
        'Central configuration must be enabled from the home Region, where a finding aggregator exists',
      )
    }
    if (!deferred && aggregator && linkedRegions(ctx.world, aggregator).length === 0) {
      throw invalidInput(
        'Central configuration requires a finding aggregator with at least one linked Region',
      )
    }
    // In CENTRAL mode AutoEnable is false and AutoEnableStandards NONE (API reference, UpdateOrganizationConfiguration).
    if (AutoEnable || (AutoEnableStandards !== undefined && AutoEnableStandards !== 'NONE')) {
      throw invalidInput(
        'When ConfigurationType is CENTRAL, AutoEnable must be false and AutoEnableStandards must be NONE',
      )
    }
    if (status === 'PENDING')
      throw conflict('A change to the organization configuration is already in progress')
    if (!status || status === 'FAILED') {
      state.central = { admin: ctx.account, homeRegion: ctx.region, requestedAt: ctx.world.clock.now() }
      // The governed regions report AutoEnable false from now on: LOCAL auto-enable stops there.
      for (const region of governedRegions(ctx.world)) closeAutoEnable(ctx.world, region)
    }
    return {}
  }

  if (governed) {
    if (status === 'PENDING')
      throw conflict('A change to the organization configuration is already in progress')
    if (type !== 'LOCAL') {
      if (AutoEnable || (AutoEnableStandards ?? 'NONE') !== 'NONE') {
        throw invalidInput(
          'This Region uses central configuration: AutoEnable must be false and AutoEnableStandards NONE',
        )
      }
      return {}
    }
    if (state.central?.homeRegion !== ctx.region) {
      throw invalidInput(
        `Central configuration can be turned off only from the home Region ${state.central?.homeRegion}`,
      )
    }
    state.central = undefined
  }
  const local: LocalConfiguration = {
    autoEnable: AutoEnable,
    autoEnableStandards:
      (AutoEnableStandards as LocalConfiguration['autoEnableStandards'] | undefined) ??
      localOf(ctx).autoEnableStandards,
  }
  state.local.set(ctx.region, local)
  recordAutoEnable(ctx.world, ctx.region, ctx.account, local.autoEnable, local.autoEnableStandards)
  return {}
}
