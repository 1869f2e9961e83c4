// Who the baseline depends on in member accounts, and every call each makes there (DESIGN.md §8):
// - the member role: the engine's member base actions in every account, the modules' member permissions in
//   the security tooling account (toolActions), and the calls of the ordinary stacks it creates in member
//   accounts (CloudFormation with the caller's credentials: aws:CalledVia cloudformation);
// - StackSets' execution role: creating, updating and deleting its stack and each resource of each stack
//   set's template. AWS names it `stacksets-exec-<32 hex>`; the guard judges the representative name
//   EXEC_ROLE_SAMPLE, which no SCP pattern can tell from the real one unless it names a hash;
// - break-glass roles: everything the two above need, plus IAM role management and sts:AssumeRole.
// The tool role never acts in a member account: SCPs never apply to the management account.
import type { Desired } from '../../engine/desired.ts'
import type { Module } from '../../engine/module.ts'
import { toolActions } from '../../iam/tool-policy.ts'
import type { ResourceCall } from '../../policy/resource-actions.ts'
import type { OrgAccount } from '../organization/snapshot.ts'
import { plannedStackSets, plannedStacks, stackSetName, type TemplateName } from '../stacksets/catalogue.ts'
import { templateCalls } from './template-needs.ts'

export const EXEC_ROLE_SAMPLE = 'stacksets-exec-0123456789abcdef0123456789abcdef'
const SAMPLE_STACK_ID = '00000000-0000-0000-0000-000000000000'

/** Services with one endpoint in us-east-1: AWS evaluates their calls with aws:RequestedRegion us-east-1. */
const GLOBAL = new Set(['iam', 'organizations', 'account'])
/** STS answers at a global endpoint (us-east-1) and at regional ones: both are judged. */
const BOTH = new Set(['sts'])

export interface Need {
  action: string
  resource: string
  regions: string[]
  /** CloudFormation acting with the caller's credentials. */
  viaCloudFormation?: boolean
}

export interface PrincipalNeeds {
  roleName: string
  why: string
  needs: Need[]
}

export type AccountKind = 'member' | 'security-tooling' | 'log-archive'

function regionsOf(action: string, regions: string[]): string[] {
  const service = action.split(':')[0]?.toLowerCase() ?? ''
  if (GLOBAL.has(service)) return ['us-east-1']
  if (BOTH.has(service)) return [...new Set(['us-east-1', ...regions])]
  return regions
}

const plain = (actions: string[], regions: string[]): Need[] =>
  actions.map((action) => ({ action, resource: '*', regions: regionsOf(action, regions) }))

/** A stack's needs, built for its first region and standing for all of `regions` (see principalNeeds). */
function stackNeeds(
  calls: ResourceCall[],
  stackArn: string,
  regions: string[],
  viaCloudFormation: boolean,
): Need[] {
  const needs: Need[] = ['CreateStack', 'UpdateStack', 'DeleteStack'].map((op) => ({
    action: `cloudformation:${op}`,
    resource: stackArn,
    regions,
  }))
  for (const call of calls) {
    for (const resource of call.resources) {
      needs.push({
        action: call.action,
        resource,
        regions: regionsOf(call.action, regions),
        ...(viaCloudFormation ? { viaCloudFormation } : {}),
      })
    }
  }
  return needs
}

export interface NeedsInput {
  desired: Desired
  modules: readonly Module[]
  templates: Partial<Record<TemplateName, string>>
}

export function accountKind(desired: Desired, account: OrgAccount): AccountKind {
  if (account.id === desired.securityTooling.id) return 'security-tooling'
  if (account.id === desired.logArchive.id) return 'log-archive'
  return 'member'
}

/**
 * Each protected principal's needs in one account (all regions). `regionBlind`: no SCP on the account's path
 * can tell regions apart (lockout.ts), so a stack's needs are built once, for its first region, and stand
 * for every region it is deployed to — the template's calls there differ only in the region of their ARNs.
 */
export function principalNeeds(
  input: NeedsInput,
  account: OrgAccount,
  regionBlind = false,
): PrincipalNeeds[] {
  const { desired } = input
  const regions = desired.regions
  const access = desired.config.access
  const kind = accountKind(desired, account)
  const memberActions =
    kind === 'security-tooling'
      ? toolActions(input.modules, desired, 'member')
      : toolActions([], desired, 'member')
  const member = plain(memberActions, regions)
  for (const stack of plannedStacks(desired)) {
    const body = input.templates[stack.template]
    if (stack.account !== account.id || body === undefined) continue
    const name = stackSetName(stack.template)
    const calls = templateCalls(body, {
      stackName: name,
      account: account.id,
      region: stack.region,
      parameters: stack.parameters,
    })
    const arn = `arn:aws:cloudformation:${stack.region}:${account.id}:stack/${name}/${SAMPLE_STACK_ID}`
    member.push(...stackNeeds(calls, arn, [stack.region], true))
  }
  const exec: Need[] = []
  for (const set of plannedStackSets(desired)) {
    const body = input.templates[set.template]
    if (body === undefined || set.regions.length === 0) continue
    const groups = regionBlind ? [set.regions] : set.regions.map((region) => [region])
    for (const regions of groups) {
      const region = regions[0] as string
      // StackSets names each instance's stack StackSet-<stack set name>-<uuid>.
      const name = `StackSet-${stackSetName(set.template)}-${SAMPLE_STACK_ID}`
      const calls = templateCalls(body, {
        stackName: name,
        account: account.id,
        region,
        parameters: set.parameters,
      })
      const arn = `arn:aws:cloudformation:${region}:${account.id}:stack/${name}/${SAMPLE_STACK_ID}`
      exec.push(...stackNeeds(calls, arn, regions, false))
    }
  }
  const roleArn = (name: string) => `arn:aws:iam::${account.id}:role/${name}`
  const iamManagement = [access.memberRoleName, EXEC_ROLE_SAMPLE].flatMap((name) =>
    [
      'iam:CreateRole',
      'iam:UpdateAssumeRolePolicy',
      'iam:AttachRolePolicy',
      'iam:PutRolePolicy',
      'iam:DeleteRolePolicy',
      'iam:DetachRolePolicy',
    ].map((action) => ({ action, resource: roleArn(name), regions: ['us-east-1'] })),
  )
  const assume: Need = {
    action: 'sts:AssumeRole',
    resource: roleArn(access.memberRoleName),
    regions: regionsOf('sts:AssumeRole', regions),
  }
  return [
    { roleName: access.memberRoleName, why: 'the member role', needs: member },
    // The tool falls back to the bootstrap role where the member role cannot be assumed: it does the same work.
    ...(access.bootstrapRoleName !== access.memberRoleName
      ? [
          {
            roleName: access.bootstrapRoleName,
            why: 'the bootstrap role (fallback member role)',
            needs: member,
          },
        ]
      : []),
    { roleName: EXEC_ROLE_SAMPLE, why: "StackSets' execution role", needs: exec },
    ...access.breakGlassRoles.map((name) => ({
      roleName: name,
      why: 'a break-glass role',
      needs: [...member, ...exec, ...iamManagement, assume],
    })),
  ]
}
