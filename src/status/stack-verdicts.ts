// Cells that CloudFormation and CloudTrail answer: a stack set's instance per account and region (the
// management account's own stack, where service-managed stack sets never deploy), and the trail.
import type { OrgAccount } from '../modules/organization/snapshot.ts'
import { stackAddress, stackSetName, type TemplateName } from '../modules/stacksets/catalogue.ts'
import type { StatusInputs } from './observe.ts'
import { covered, type Scope, unread, type Verdict } from './scope.ts'
import { type InstanceSummary, instanceKey } from './stack-instances.ts'

export function stackVerdict(
  template: TemplateName,
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
  ssOus: Set<string>,
): Verdict {
  const observed = inputs.stacksets
  if (!observed) return unread('stacksets', inputs)
  const name = stackSetName(template)
  if (account.id === scope.desired.org.managementAccountId) {
    const stack = observed.stacks[stackAddress(template, account.id, region)]
    if (!stack) return { status: 'missing', reason: `no stack ${name} in the management account — run apply` }
    if (/_IN_PROGRESS$/.test(stack.status)) return { status: 'pending', reason: `stack ${stack.status}` }
    if (/FAILED|ROLLBACK/.test(stack.status))
      return {
        status: 'failed',
        reason: `stack ${stack.status}${stack.statusReason ? `: ${stack.statusReason}` : ''}`,
      }
    if (stack.drifted)
      return { status: 'failed', reason: 'stack drifted: its resources changed out of band — run reconcile' }
    return covered
  }
  const set = observed.stackSets[template]
  if (!set) return { status: 'missing', reason: `stack set ${name} not created — run apply` }
  const chain = scope.chainOf(account)
  if (!chain.some((id) => ssOus.has(id)))
    return {
      status: 'missing',
      reason:
        'StackSets cannot target it: it sits directly in an OU that contains an excluded OU — move it into an OU',
    }
  if (!chain.some((id) => set.ous.includes(id)))
    return { status: 'missing', reason: `its OU is not among the stack set's targets yet — run apply` }
  if (!set.regions.includes(region))
    return { status: 'missing', reason: `stack set not deployed to the region yet — run apply` }
  // Current only when the full listing says so (stack-instances.ts): never from the absence of a problem.
  const read = inputs.instances?.[template]
  if (!read) return { status: 'unknown', reason: `stack instances of ${name} not read` }
  if (read.unread[region])
    return { status: 'unknown', reason: `stack instance not read: ${read.unread[region]}` }
  const operation = set.activeOperation
    ? `stack set operation ${set.activeOperation.action} ${set.activeOperation.status}`
    : undefined
  const instance = read.listed[instanceKey(account.id, region)]
  if (!instance)
    return operation
      ? { status: 'pending', reason: `no stack instance yet: ${operation}` }
      : { status: 'missing', reason: 'no stack instance for this account and region — run apply' }
  const checkFailed = set.problems.find(
    (p) => p.account === account.id && p.region === region && p.kind === 'DRIFT_CHECK_FAILED',
  )
  if (instance.status === 'CURRENT' && instance.drift !== 'DRIFTED' && !checkFailed)
    return operation ? { status: 'pending', reason: operation } : covered
  return instanceVerdict(instance, checkFailed?.reason)
}

/** A listed instance that is not current: its status as AWS gave it, with AWS's reason. */
function instanceVerdict(instance: InstanceSummary, driftCheckFailure: string | undefined): Verdict {
  const detail = instance.detailedStatus ?? ''
  const said = `instance ${instance.status}${detail ? ` / ${detail}` : ''}${instance.reason ? `: ${instance.reason}` : ''}`
  if (detail === 'SKIPPED_SUSPENDED_ACCOUNT') return { status: 'suspended', reason: said }
  if (detail === 'PENDING' || detail === 'RUNNING') return { status: 'pending', reason: said }
  if (instance.status === 'CURRENT' && instance.drift === 'DRIFTED')
    return { status: 'failed', reason: 'instance drifted: its resources changed out of band — run reconcile' }
  if (instance.status === 'CURRENT')
    return { status: 'failed', reason: `drift check failed: ${driftCheckFailure ?? 'no reason given'}` }
  return { status: 'failed', reason: said }
}

export function trailVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
  ssOus: Set<string>,
): Verdict {
  const c = scope.desired.config.cloudTrail
  if (c.mode === 'account') {
    const home = scope.desired.config.homeRegion
    return stackVerdict('account-trail', account, home, inputs, scope, ssOus)
  }
  if (inputs.trail === undefined) return unread('cloudtrail', inputs)
  const trail = inputs.trail
  if (!trail)
    return {
      status: 'missing',
      reason: `no trail ${c.name} in ${scope.desired.config.homeRegion} — run apply`,
    }
  if (!trail.organization)
    return { status: 'missing', reason: `trail ${trail.name} is not an organization trail` }
  if (!trail.logging) return { status: 'failed', reason: `trail ${trail.name} exists but is not logging` }
  if (!trail.multiRegion && region !== scope.desired.config.homeRegion)
    return { status: 'missing', reason: `trail ${trail.name} logs ${scope.desired.config.homeRegion} only` }
  return covered
}
