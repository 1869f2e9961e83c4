// Central configuration policies (aws-facts §4): CreateConfigurationPolicy, UpdateConfigurationPolicy,
// GetConfigurationPolicy, ListConfigurationPolicies, DeleteConfigurationPolicy. Delegated administrator only,
// home region only, once central configuration is on.
import { randomUUID } from 'node:crypto'
import type { CallContext, RestRequest } from '../service.ts'
import { isKnownStandard } from './catalogue.ts'
import { centralStatus } from './central.ts'
import { accessDenied, conflict, invalidInput, limitExceeded, notFound } from './errors.ts'
import { pageOf } from './paging.ts'
import { type ConfigurationPolicy, securityHubState } from './state.ts'

/** Configuration policies per organization (Security Hub user guide, central configuration quotas). */
export const POLICY_LIMIT = 20

/** The delegated administrator, calling from the home region, with central configuration on. */
export function requireCentralAdministrator(ctx: CallContext): void {
  const state = securityHubState(ctx.world)
  if (state.admins.get(ctx.region)?.accountId !== ctx.account) {
    throw accessDenied(`Account ${ctx.account} is not the Security Hub delegated administrator`)
  }
  const status = centralStatus(ctx.world)
  if (!state.central || status === undefined || status === 'FAILED') {
    throw accessDenied(
      'The organization does not use central configuration. Set ConfigurationType to CENTRAL first',
    )
  }
  if (state.central.homeRegion !== ctx.region) {
    throw accessDenied(
      `Central configuration operations must be called from the home Region ${state.central.homeRegion}`,
    )
  }
}

export function findPolicy(ctx: CallContext, identifier: string | undefined): ConfigurationPolicy {
  const policies = securityHubState(ctx.world).policies
  const policy = policies.get(String(identifier)) ?? [...policies.values()].find((p) => p.arn === identifier)
  if (!policy) throw notFound(`Configuration policy ${String(identifier)} not found`)
  return policy
}

/** The `ConfigurationPolicy` union: `SecurityHub` with ServiceEnabled, standards and a controls choice. */
function readPolicy(value: unknown, region: string): { SecurityHub: Record<string, unknown> } {
  const sh = (value as Record<string, unknown> | undefined)?.SecurityHub as
    | Record<string, unknown>
    | undefined
  if (!sh || typeof sh !== 'object') throw invalidInput('ConfigurationPolicy must specify SecurityHub')
  if (typeof sh.ServiceEnabled !== 'boolean') throw invalidInput('SecurityHub.ServiceEnabled is required')
  const standards = sh.EnabledStandardIdentifiers
  const controls = sh.SecurityControlsConfiguration as Record<string, unknown> | undefined
  if (!sh.ServiceEnabled) {
    if (standards !== undefined || controls !== undefined) {
      throw invalidInput(
        'EnabledStandardIdentifiers and SecurityControlsConfiguration are not allowed when ServiceEnabled is false',
      )
    }
    return { SecurityHub: { ServiceEnabled: false } }
  }
  if (!Array.isArray(standards))
    throw invalidInput('EnabledStandardIdentifiers is required when ServiceEnabled is true')
  for (const arn of standards) {
    if (!isKnownStandard(String(arn), region))
      throw invalidInput(`Invalid standard identifier ${String(arn)}`)
  }
  if (!controls || typeof controls !== 'object') {
    throw invalidInput('SecurityControlsConfiguration is required when ServiceEnabled is true')
  }
  const enabled = controls.EnabledSecurityControlIdentifiers
  const disabled = controls.DisabledSecurityControlIdentifiers
  // Listing enabled controls disables every other one and vice versa, so exactly one list is given.
  if ((enabled === undefined) === (disabled === undefined)) {
    throw invalidInput(
      'Specify exactly one of EnabledSecurityControlIdentifiers or DisabledSecurityControlIdentifiers',
    )
  }
  return { SecurityHub: { ...sh, EnabledStandardIdentifiers: standards.map(String) } }
}

function readName(value: unknown): string {
  if (typeof value !== 'string' || value.length < 1 || value.length > 128) {
    throw invalidInput('Name must be between 1 and 128 characters')
  }
  return value
}

function toWire(p: ConfigurationPolicy) {
  return {
    Arn: p.arn,
    Id: p.id,
    Name: p.name,
    Description: p.description,
    UpdatedAt: p.updatedAt.toISOString(),
    CreatedAt: p.createdAt.toISOString(),
    ConfigurationPolicy: p.policy,
  }
}

export function createConfigurationPolicy(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const policies = securityHubState(ctx.world).policies
  const name = readName(req.body.Name)
  const policy = readPolicy(req.body.ConfigurationPolicy, ctx.region)
  if ([...policies.values()].some((p) => p.name === name)) {
    throw conflict(`A configuration policy named ${name} already exists`)
  }
  if (policies.size >= POLICY_LIMIT)
    throw limitExceeded(`You can create at most ${POLICY_LIMIT} configuration policies`)
  const id = randomUUID()
  const now = ctx.world.clock.date()
  const created: ConfigurationPolicy = {
    id,
    arn: `arn:aws:securityhub:${ctx.region}:${ctx.account}:configuration-policy/${id}`,
    name,
    description: typeof req.body.Description === 'string' ? req.body.Description : undefined,
    policy,
    createdAt: now,
    updatedAt: now,
    tags: (req.body.Tags as Record<string, string> | undefined) ?? {},
  }
  policies.set(id, created)
  return toWire(created)
}

export function updateConfigurationPolicy(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const policy = findPolicy(ctx, req.params.Identifier)
  const name = req.body.Name === undefined ? policy.name : readName(req.body.Name)
  const content =
    req.body.ConfigurationPolicy === undefined
      ? policy.policy
      : readPolicy(req.body.ConfigurationPolicy, ctx.region)
  const policies = securityHubState(ctx.world).policies
  if ([...policies.values()].some((p) => p.name === name && p.id !== policy.id)) {
    throw conflict(`A configuration policy named ${name} already exists`)
  }
  policy.name = name
  policy.policy = content
  if (typeof req.body.Description === 'string') policy.description = req.body.Description
  policy.updatedAt = ctx.world.clock.date()
  return toWire(policy)
}

export function getConfigurationPolicy(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  return toWire(findPolicy(ctx, req.params.Identifier))
}

export function listConfigurationPolicies(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const all = [...securityHubState(ctx.world).policies.values()].map((p) => ({
    Arn: p.arn,
    Id: p.id,
    Name: p.name,
    Description: p.description,
    UpdatedAt: p.updatedAt.toISOString(),
    ServiceEnabled: p.policy.SecurityHub.ServiceEnabled === true,
  }))
  const page = pageOf(all, req.query.get('MaxResults') ?? undefined, req.query.get('NextToken'), ctx, {
    max: 100,
    default: 100,
  })
  return { ConfigurationPolicySummaries: page.items, NextToken: page.nextToken }
}

export function deleteConfigurationPolicy(req: RestRequest, ctx: CallContext) {
  requireCentralAdministrator(ctx)
  const policy = findPolicy(ctx, req.params.Identifier)
  const state = securityHubState(ctx.world)
  if ([...state.associations.values()].some((a) => a.policyId === policy.id)) {
    throw conflict(`Configuration policy ${policy.id} is associated with targets; disassociate it first`)
  }
  state.policies.delete(policy.id)
  return {}
}
