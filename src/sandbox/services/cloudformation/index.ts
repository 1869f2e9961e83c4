// CloudFormation in the sandbox (awsQuery, 2010-05-15): stacks, StackSets with asynchronous operations,
// drift. Every request first replays simulated time (`settle`) so statuses are computed lazily.
import type { Operation, SimulatedService } from '../service.ts'
import { wireAutoDeployment } from './auto-deploy.ts'
import { controls } from './controls.ts'
import {
  createStackInstancesOp,
  deleteStackInstancesOp,
  describeStackInstanceOp,
  listStackInstanceResourceDriftsOp,
  listStackInstancesOp,
  updateStackInstancesOp,
} from './instance-api.ts'
import {
  describeStackSetOperationOp,
  detectStackSetDriftOp,
  listStackSetOperationResultsOp,
  listStackSetOperationsOp,
  stopStackSetOperationOp,
} from './operation-api.ts'
import { settle } from './operation-runner.ts'
import { seedCloudFormation } from './seed.ts'
import {
  createStackOp,
  deleteStackOp,
  describeStackEventsOp,
  describeStackResourcesOp,
  describeStacksOp,
  getTemplateOp,
  listStackResourcesOp,
  listStacksOp,
  updateStackOp,
  validateTemplateOp,
} from './stack-api.ts'
import {
  describeStackDriftDetectionStatusOp,
  describeStackResourceDriftsOp,
  detectStackDriftOp,
} from './stack-drift-api.ts'
import {
  activateOrganizationsAccessOp,
  createStackSetOp,
  deactivateOrganizationsAccessOp,
  deleteStackSetOp,
  describeOrganizationsAccessOp,
  describeStackSetOp,
  listStackSetsOp,
  updateStackSetOp,
} from './stack-set-api.ts'

const operations: Record<string, Operation> = {
  CreateStack: createStackOp,
  UpdateStack: updateStackOp,
  DeleteStack: deleteStackOp,
  DescribeStacks: describeStacksOp,
  ListStacks: listStacksOp,
  DescribeStackEvents: describeStackEventsOp,
  ListStackResources: listStackResourcesOp,
  DescribeStackResources: describeStackResourcesOp,
  GetTemplate: getTemplateOp,
  ValidateTemplate: validateTemplateOp,
  DetectStackDrift: detectStackDriftOp,
  DescribeStackDriftDetectionStatus: describeStackDriftDetectionStatusOp,
  DescribeStackResourceDrifts: describeStackResourceDriftsOp,
  ActivateOrganizationsAccess: activateOrganizationsAccessOp,
  DeactivateOrganizationsAccess: deactivateOrganizationsAccessOp,
  DescribeOrganizationsAccess: describeOrganizationsAccessOp,
  CreateStackSet: createStackSetOp,
  UpdateStackSet: updateStackSetOp,
  DeleteStackSet: deleteStackSetOp,
  DescribeStackSet: describeStackSetOp,
  ListStackSets: listStackSetsOp,
  CreateStackInstances: createStackInstancesOp,
  UpdateStackInstances: updateStackInstancesOp,
  DeleteStackInstances: deleteStackInstancesOp,
  ListStackInstances: listStackInstancesOp,
  DescribeStackInstance: describeStackInstanceOp,
  ListStackInstanceResourceDrifts: listStackInstanceResourceDriftsOp,
  DescribeStackSetOperation: describeStackSetOperationOp,
  ListStackSetOperations: listStackSetOperationsOp,
  ListStackSetOperationResults: listStackSetOperationResultsOp,
  StopStackSetOperation: stopStackSetOperationOp,
  DetectStackSetDrift: detectStackSetDriftOp,
}

export const cloudformation: SimulatedService = {
  spec: {
    signingName: 'cloudformation',
    protocol: 'awsQuery',
    version: '2010-05-15',
    xmlNamespace: 'http://cloudformation.amazonaws.com/doc/2010-05-15/',
    operations,
  },
  // Replays simulated time (operations, auto-deployment) before every request to any service.
  settle: (world) => {
    wireAutoDeployment(world)
    settle(world)
  },
  seedKey: 'cloudformation',
  seed: seedCloudFormation,
  controls,
}

export { wireAutoDeployment } from './auto-deploy.ts'
export { settle as settleCloudFormation } from './operation-runner.ts'
