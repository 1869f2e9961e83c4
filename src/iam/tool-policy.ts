// The least-privilege IAM policies org-baseline needs, built from what each enabled module declares it calls
// (grant.ts): one statement per set of resources and conditions, every action named, `*` only for the
// actions in star-actions.ts.
import type { Desired } from '../engine/desired.ts'
import type { Module } from '../engine/module.ts'
import { MODULES } from '../modules/index.ts'
import * as arn from './arns.ts'
import {
  actionsOf,
  type Conditions,
  type Grant,
  grant,
  type Permission,
  type RoleKind,
  type ScopeNames,
} from './grant.ts'

export type { RoleKind } from './grant.ts'

/** What the engine itself calls, whatever modules are enabled. */
const BASE: Record<RoleKind, Permission[]> = {
  tool: [
    // Reading the organization (modules/organization).
    'organizations:DescribeOrganization',
    'organizations:ListRoots',
    grant(['organizations:ListOrganizationalUnitsForParent', 'organizations:ListAccountsForParent'], () => [
      arn.orgRoots(),
      arn.orgOus(),
    ]),
    grant(['account:ListRegions'], () => [arn.ownAccount()]),
    // Applied marks and the reconcile lock are tags on the organization root.
    grant(
      ['organizations:ListTagsForResource', 'organizations:TagResource', 'organizations:UntagResource'],
      () => [arn.orgRoots()],
    ),
    // audit-root reads the management account's own root posture.
    'iam:GetAccountSummary',
    // onboard moves the account into the OU it is given (account, source and destination parents).
    grant(['organizations:MoveAccount'], () => arn.orgTargets()),
    grant(['cloudformation:ListStackInstances'], () => [arn.stackSets()]),
    // Every member account is entered through the member role, only within the organization; through the
    // bootstrap role where the member role's stack set has not reached yet (an account outside the targets, one
    // created since). Set access.bootstrapRoleName to the member role's name to grant only the member role.
    grant(
      ['sts:AssumeRole'],
      (n) => [...new Set([n.memberRoleName, n.bootstrapRoleName])].map((r) => `arn:aws:iam::*:role/${r}`),
      { StringEquals: { 'aws:ResourceOrgID': arn.ORG_ID } },
    ),
  ],
  member: [
    // audit-root and onboard read each account's root posture.
    'iam:GetAccountSummary',
    // onboard verifies each control in the account (and membership from the delegated admin).
    'config:DescribeConfigurationRecorderStatus',
    'cloudtrail:DescribeTrails',
    // The organization trail lives in the management account: its ARN names that account.
    grant(['cloudtrail:GetTrailStatus'], (n) => [arn.trail(n.trailName, '*')]),
    grant(['events:DescribeRule'], () => [arn.rules()]),
    'guardduty:ListDetectors',
    grant(['guardduty:GetMembers'], () => [arn.detectors()]),
    grant(['securityhub:GetConfigurationPolicyAssociation'], () => [arn.hub()]),
    // Stack sets of a delegated administrator live in the management account (CallAs=DELEGATED_ADMIN).
    grant(['cloudformation:ListStackInstances'], () => [arn.stackSets('*')]),
  ],
}

interface Statement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string | string[]
  Condition?: Conditions
}

export interface PolicyDocument {
  Version: '2012-10-17'
  Statement: Statement[]
}

// Offline, only the config is known: a module whose `enabled` needs the live organization to decide is
// counted in, so the policy never lacks an action a run may need.
function mayRun(module: Module, desired: Desired): boolean {
  try {
    return module.enabled(desired)
  } catch {
    return true
  }
}

function enabledModules(modules: readonly Module[], desired: Pick<Desired, 'config'> | undefined): Module[] {
  return desired ? modules.filter((m) => mayRun(m, desired as Desired)) : [...modules]
}

/** Everything the role may be granted: the engine's own calls and each module's declarations. */
export function permissionsFor(modules: readonly Module[], role: RoleKind): Permission[] {
  return [
    ...BASE[role],
    ...modules.flatMap((m) => (role === 'tool' ? m.permissions.management : m.permissions.member)),
  ]
}

export function toolActions(
  modules: readonly Module[],
  desired: Pick<Desired, 'config'> | undefined,
  role: RoleKind,
): string[] {
  const actions = new Set(permissionsFor(enabledModules(modules, desired), role).flatMap(actionsOf))
  return [...actions].sort()
}

const DEFAULT_NAMES: Omit<ScopeNames, 'memberRoleName'> = {
  toolRoleName: 'org-baseline',
  bootstrapRoleName: 'OrganizationAccountAccessRole',
  trailName: 'org-baseline',
}

const sidOf = (text: string) =>
  text
    .split(/[^a-z0-9]/i)
    .map((p) => (p[0]?.toUpperCase() ?? '') + p.slice(1))
    .join('')

/**
 * The policy granting exactly `actions` (from toolActions), each on the resources and under the conditions its
 * declarations give; statements group actions with the same resources and conditions. An action nothing
 * declares is granted on `*` (test/unit/iam checks that only star-actions.ts's do).
 */
export function buildPolicy(
  actions: string[],
  memberRoleName: string,
  role: RoleKind,
  options: { names?: Partial<ScopeNames>; modules?: readonly Module[] } = {},
): PolicyDocument {
  const names: ScopeNames = { ...DEFAULT_NAMES, ...options.names, memberRoleName }
  const wanted = new Set(actions)
  const declared = permissionsFor(options.modules ?? MODULES, role)
  const groups = new Map<string, { resources: string[]; conditions?: Conditions; actions: Set<string> }>()
  const add = (action: string, resources: string[], conditions?: Conditions) => {
    const key = JSON.stringify([resources, conditions ?? null])
    const group = groups.get(key) ?? { resources, ...(conditions ? { conditions } : {}), actions: new Set() }
    group.actions.add(action)
    groups.set(key, group)
  }
  const covered = new Set<string>()
  for (const permission of declared) {
    if (typeof permission === 'string') continue
    const g: Grant = permission
    for (const action of g.actions.filter((a) => wanted.has(a))) {
      add(action, [...new Set(g.resources(names))].sort(), g.conditions)
      covered.add(action)
    }
  }
  for (const action of actions) if (!covered.has(action)) add(action, ['*'])
  const statements = [...groups.values()].map((g, i) => ({
    Sid: `OrgBaseline${sidOf(g.actions.values().next().value?.split(':')[0] ?? '')}${i + 1}`,
    Effect: 'Allow' as const,
    Action: [...g.actions].sort(),
    Resource: g.resources.length === 1 ? (g.resources[0] ?? '*') : g.resources,
    ...(g.conditions ? { Condition: g.conditions } : {}),
  }))
  return { Version: '2012-10-17', Statement: statements }
}

/** Whether `action` (e.g. `guardduty:ListDetectors`) is allowed by the policy, ignoring resources. */
export function allows(policy: PolicyDocument, action: string): boolean {
  return policy.Statement.some((s) => s.Action.some((a) => a.toLowerCase() === action.toLowerCase()))
}
