// AWS CloudFormation (prefix `cloudformation`). Source: Service Authorization Reference, "Actions, resources,
// and condition keys for AWS CloudFormation": resource types stack
// (`arn:${Partition}:cloudformation:${Region}:${Account}:stack/${StackName}/${Id}`) and stackset
// (`arn:${Partition}:cloudformation:${Region}:${Account}:stackset/${StackSetName}:${Id}`); ListStacks,
// ValidateTemplate, DescribeStackDriftDetectionStatus, ListStackSets and the organizations-access operations
// have none. A stack or stack set not yet created has no id: its ARN ends in `*` (as policies write it).
import { stackSetKey } from '../../services/cloudformation/stack-set-access.ts'
import { findStack } from '../../services/cloudformation/stack-store.ts'
import { cfnState } from '../../services/cloudformation/state.ts'
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, text } from './helpers.ts'

function stack(input: ActionInput, scope: ActionScope): string[] {
  const nameOrId = text(input, 'StackName')
  if (!nameOrId) return ['*']
  if (nameOrId.startsWith('arn:')) return [nameOrId]
  const found = findStack(scope.world, scope.account, scope.region, nameOrId)
  return [found?.stackId ?? `arn:aws:cloudformation:${scope.region}:${scope.account}:stack/${nameOrId}/*`]
}

/** The stack set's ARN; with CallAs=DELEGATED_ADMIN it lives in the management account (aws-facts §8). */
function stackSet(input: ActionInput, scope: ActionScope): string[] {
  const nameOrId = text(input, 'StackSetName')
  if (!nameOrId) return ['*']
  if (nameOrId.startsWith('arn:')) return [nameOrId]
  const owner = text(input, 'CallAs') === 'DELEGATED_ADMIN' ? scope.world.managementAccountId : scope.account
  const name = nameOrId.split(':')[0] ?? nameOrId
  const found = cfnState(scope.world).stackSets.get(stackSetKey(owner, scope.region, name))
  if (found?.status === 'ACTIVE') return [found.arn]
  return [`arn:aws:cloudformation:${scope.region}:${owner}:stackset/${name}:*`]
}

const onStack = (action: string) => ({ action: `cloudformation:${action}`, resources: stack })
const onStackSet = (action: string) => ({ action: `cloudformation:${action}`, resources: stackSet })
const plain = (action: string) => ({ action: `cloudformation:${action}` })
const tags = (input: ActionInput) => requestTags(input.Tags)

export const cloudFormationActions: ActionTable = {
  CreateStack: { ...onStack('CreateStack'), context: tags },
  UpdateStack: { ...onStack('UpdateStack'), context: tags },
  DeleteStack: onStack('DeleteStack'),
  DescribeStacks: onStack('DescribeStacks'),
  ListStacks: plain('ListStacks'),
  DescribeStackEvents: onStack('DescribeStackEvents'),
  ListStackResources: onStack('ListStackResources'),
  DescribeStackResources: onStack('DescribeStackResources'),
  GetTemplate: onStack('GetTemplate'),
  ValidateTemplate: plain('ValidateTemplate'),
  DetectStackDrift: onStack('DetectStackDrift'),
  DescribeStackDriftDetectionStatus: plain('DescribeStackDriftDetectionStatus'),
  DescribeStackResourceDrifts: onStack('DescribeStackResourceDrifts'),
  ActivateOrganizationsAccess: plain('ActivateOrganizationsAccess'),
  DeactivateOrganizationsAccess: plain('DeactivateOrganizationsAccess'),
  DescribeOrganizationsAccess: plain('DescribeOrganizationsAccess'),
  CreateStackSet: { ...onStackSet('CreateStackSet'), context: tags },
  UpdateStackSet: { ...onStackSet('UpdateStackSet'), context: tags },
  DeleteStackSet: onStackSet('DeleteStackSet'),
  DescribeStackSet: onStackSet('DescribeStackSet'),
  ListStackSets: plain('ListStackSets'),
  CreateStackInstances: onStackSet('CreateStackInstances'),
  UpdateStackInstances: onStackSet('UpdateStackInstances'),
  DeleteStackInstances: onStackSet('DeleteStackInstances'),
  ListStackInstances: onStackSet('ListStackInstances'),
  DescribeStackInstance: onStackSet('DescribeStackInstance'),
  ListStackInstanceResourceDrifts: onStackSet('ListStackInstanceResourceDrifts'),
  DescribeStackSetOperation: onStackSet('DescribeStackSetOperation'),
  ListStackSetOperations: onStackSet('ListStackSetOperations'),
  ListStackSetOperationResults: onStackSet('ListStackSetOperationResults'),
  StopStackSetOperation: onStackSet('StopStackSetOperation'),
  DetectStackSetDrift: onStackSet('DetectStackSetDrift'),
}
