// The least-privilege IAM policies org-baseline needs, built from what each enabled module declares it
// calls. Every action is named; none is a wildcard.
import type { Desired } from '../engine/desired.ts'
import type { Module } from '../engine/module.ts'

export type RoleKind = 'tool' | 'member'

/** What the engine itself calls, whatever modules are enabled. */
const BASE = {
  tool: [
    // Reading the organization (modules/organization).
    'organizations:DescribeOrganization',
    'organizations:ListRoots',
    'organizations:ListOrganizationalUnitsForParent',
    'organizations:ListAccountsForParent',
    'account:ListRegions',
    // Applied marks and the reconcile lock are tags on the organization root.
    'organizations:ListTagsForResource',
    'organizations:TagResource',
    'organizations:UntagResource',
    // audit-root reads the management account's own root posture.
    'iam:GetAccountSummary',
    // onboard moves the account into the OU it is given, and reads its stack instances.
    'organizations:MoveAccount',
    'cloudformation:ListStackInstances',
  ],
  member: [
    // audit-root and onboard read each account's root posture.
    'iam:GetAccountSummary',
    // onboard verifies each control in the account (and membership from the delegated admin).
    'config:DescribeConfigurationRecorderStatus',
    'cloudtrail:DescribeTrails',
    'cloudtrail:GetTrailStatus',
    'events:DescribeRule',
    'guardduty:ListDetectors',
    'guardduty:GetMembers',
    'securityhub:GetConfigurationPolicyAssociation',
    'cloudformation:ListStackInstances',
  ],
}

interface Statement {
  Sid: string
  Effect: 'Allow'
  Action: string[]
  Resource: string | string[]
}

export interface PolicyDocument {
  Version: '2012-10-17'
  Statement: Statement[]
}

const sidOf = (prefix: string) =>
  prefix
    .split(/[^a-z0-9]/i)
    .map((p) => (p[0]?.toUpperCase() ?? '') + p.slice(1))
    .join('')

// Offline, only the config is known: a module whose `enabled` needs the live organization to decide is
// counted in, so the policy never lacks an action a run may need.
function mayRun(module: Module, desired: Desired): boolean {
  try {
    return module.enabled(desired)
  } catch {
    return true
  }
}

export function toolActions(
  modules: readonly Module[],
  desired: Pick<Desired, 'config'> | undefined,
  role: RoleKind,
): string[] {
  const enabled = desired ? modules.filter((m) => mayRun(m, desired as Desired)) : modules
  const actions = new Set([
    ...BASE[role],
    ...enabled.flatMap((m) => (role === 'tool' ? m.permissions.management : m.permissions.member)),
  ])
  return [...actions].sort()
}

export function buildPolicy(actions: string[], memberRoleName: string, role: RoleKind): PolicyDocument {
  const byService = new Map<string, string[]>()
  for (const action of actions) {
    const [prefix = ''] = action.split(':')
    byService.set(prefix, [...(byService.get(prefix) ?? []), action])
  }
  const statements: Statement[] = [...byService.entries()].map(([prefix, list]) => ({
    Sid: `OrgBaseline${sidOf(prefix)}`,
    Effect: 'Allow',
    Action: list,
    Resource: '*',
  }))
  if (role === 'tool') {
    statements.push({
      Sid: 'OrgBaselineMemberAccounts',
      Effect: 'Allow',
      Action: ['sts:AssumeRole'],
      Resource: `arn:aws:iam::*:role/${memberRoleName}`,
    })
  }
  return { Version: '2012-10-17', Statement: statements }
}

/** Whether `action` (e.g. `guardduty:ListDetectors`) is allowed by the policy, ignoring resources. */
export function allows(policy: PolicyDocument, action: string): boolean {
  return policy.Statement.some((s) => s.Action.some((a) => a.toLowerCase() === action.toLowerCase()))
}
