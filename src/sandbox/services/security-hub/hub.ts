// The hub itself, per account and region: EnableSecurityHub, DescribeHub, DisableSecurityHub. An account a
// central configuration policy governs has the hub the policy says, derived when read.
import type { World } from '../../state.ts'
import type { CallContext, RestRequest } from '../service.ts'
import { defaultStandards, subscriptionArn } from './catalogue.ts'
import { associationSettled, centralStatus, effectivePolicy, governedRegions } from './central.ts'
import { accessDenied, conflict, invalidInput, notSubscribed } from './errors.ts'
import {
  DURATIONS,
  type Hub,
  hubKey,
  SELF_MANAGED,
  type StandardsSubscription,
  securityHubState,
} from './state.ts'

export interface HubView {
  hub: Hub
  /** A central configuration policy decides this hub; the account itself may not change it. */
  governed: boolean
}

export const CENTRALLY_MANAGED =
  'This account is currently associated with a central configuration policy, so only the administrator can access this operation.'

/** The settled central configuration policy that decides this account's hub in a region, if one does. */
export function governingPolicy(world: World, account: string, region: string) {
  if (
    centralStatus(world) !== 'ENABLED' ||
    !world.accounts.has(account) ||
    !governedRegions(world).includes(region)
  ) {
    return undefined
  }
  const effective = effectivePolicy(world, account)
  const association = effective.association
  const policy = securityHubState(world).policies.get(effective.policyId)
  if (
    effective.policyId === SELF_MANAGED ||
    !association ||
    !policy ||
    !associationSettled(world, association)
  ) {
    return undefined
  }
  return { policy, association }
}

/** The account's hub in a region: stored, or what the central configuration policy that reaches it says. */
export function hubView(world: World, account: string, region: string): HubView | undefined {
  const stored = securityHubState(world).hubs.get(hubKey(account, region))
  const governing = governingPolicy(world, account, region)
  if (!governing) return stored ? { hub: stored, governed: false } : undefined
  const sh = governing.policy.policy.SecurityHub
  if (sh.ServiceEnabled !== true) return undefined
  const since = governing.association.requestedAt + DURATIONS.associationMs
  const standards = new Map<string, StandardsSubscription>()
  for (const arn of (sh.EnabledStandardIdentifiers as string[] | undefined) ?? []) {
    standards.set(arn, {
      subscriptionArn: subscriptionArn(arn, region, account),
      standardsArn: arn,
      input: {},
      requestedAt: since - DURATIONS.standardsReadyMs,
    })
  }
  return {
    governed: true,
    hub: {
      subscribedAt: stored?.subscribedAt ?? new Date(since),
      autoEnableControls: true,
      controlFindingGenerator: stored?.controlFindingGenerator ?? 'SECURITY_CONTROL',
      standards,
      tags: stored?.tags ?? {},
    },
  }
}

/** The caller's hub in the request's region, or AWS's "not subscribed" answer. */
export function requireHub(ctx: CallContext): HubView {
  const view = hubView(ctx.world, ctx.account, ctx.region)
  if (!view) throw notSubscribed(ctx.account)
  return view
}

export function newHub(world: World, account: string, region: string, withDefaults: boolean): Hub {
  const now = world.clock.now()
  const standards = new Map<string, StandardsSubscription>()
  if (withDefaults) {
    for (const arn of defaultStandards(region)) {
      standards.set(arn, {
        subscriptionArn: subscriptionArn(arn, region, account),
        standardsArn: arn,
        input: {},
        requestedAt: now,
      })
    }
  }
  return {
    subscribedAt: new Date(now),
    autoEnableControls: true,
    controlFindingGenerator: 'SECURITY_CONTROL',
    standards,
    tags: {},
  }
}

export function enableSecurityHub(req: RestRequest, ctx: CallContext) {
  if (governingPolicy(ctx.world, ctx.account, ctx.region)) throw accessDenied(CENTRALLY_MANAGED)
  if (hubView(ctx.world, ctx.account, ctx.region))
    throw conflict('Account is already subscribed to Security Hub')
  const { EnableDefaultStandards, ControlFindingGenerator, Tags } = req.body
  if (EnableDefaultStandards !== undefined && typeof EnableDefaultStandards !== 'boolean') {
    throw invalidInput('EnableDefaultStandards must be a boolean')
  }
  if (
    ControlFindingGenerator !== undefined &&
    ControlFindingGenerator !== 'SECURITY_CONTROL' &&
    ControlFindingGenerator !== 'STANDARD_CONTROL'
  ) {
    throw invalidInput(`Invalid ControlFindingGenerator ${String(ControlFindingGenerator)}`)
  }
  // Default standards (FSBP and CIS 1.2.0) unless EnableDefaultStandards is false (API reference, EnableSecurityHub).
  const hub = newHub(ctx.world, ctx.account, ctx.region, EnableDefaultStandards !== false)
  if (ControlFindingGenerator)
    hub.controlFindingGenerator = ControlFindingGenerator as Hub['controlFindingGenerator']
  if (Tags && typeof Tags === 'object') hub.tags = { ...(Tags as Record<string, string>) }
  securityHubState(ctx.world).hubs.set(hubKey(ctx.account, ctx.region), hub)
  return {}
}

export function describeHub(req: RestRequest, ctx: CallContext) {
  const { hub } = requireHub(ctx)
  const arn = `arn:aws:securityhub:${ctx.region}:${ctx.account}:hub/default`
  const asked = req.query.get('HubArn')
  if (asked && asked !== arn) throw invalidInput(`Invalid HubArn ${asked}`)
  return {
    HubArn: arn,
    SubscribedAt: hub.subscribedAt.toISOString(),
    AutoEnableControls: hub.autoEnableControls,
    ControlFindingGenerator: hub.controlFindingGenerator,
  }
}

export function disableSecurityHub(_req: RestRequest, ctx: CallContext) {
  const view = requireHub(ctx)
  if (view.governed) throw accessDenied(CENTRALLY_MANAGED)
  const state = securityHubState(ctx.world)
  // API reference, DisableSecurityHub: not in an account that is currently the administrator.
  if (state.admins.get(ctx.region)?.accountId === ctx.account) {
    throw invalidInput(
      'You cannot disable Security Hub in an account that is currently the Security Hub administrator',
    )
  }
  state.hubs.delete(hubKey(ctx.account, ctx.region))
  return {}
}
