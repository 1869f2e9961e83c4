// The shapes StackSets keeps: stack sets, their stack instances, and operations with their per-instance tasks.
import type { Template } from './template-parse.ts'

export const STACKSETS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com'
export const DEFAULT_ADMIN_ROLE = 'AWSCloudFormationStackSetAdministrationRole'
export const DEFAULT_EXECUTION_ROLE = 'AWSCloudFormationStackSetExecutionRole'

export type PermissionModel = 'SELF_MANAGED' | 'SERVICE_MANAGED'
export type DriftStatus = 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKED'

export interface StackInstance {
  account: string
  region: string
  ou?: string
  stackId?: string
  status: 'CURRENT' | 'OUTDATED' | 'INOPERABLE'
  detailedStatus: string
  statusReason?: string
  overrides: Record<string, string>
  lastOperationId?: string
  /** The stack set version this instance's stack was last deployed with. */
  version: number
  driftStatus: DriftStatus
  lastDriftCheck?: number
}

export interface StackSetDrift {
  status: DriftStatus
  detectionStatus?: 'COMPLETED' | 'FAILED' | 'PARTIAL_SUCCESS' | 'IN_PROGRESS' | 'STOPPED'
  lastCheck?: number
  total: number
  drifted: number
  inSync: number
  inProgress: number
  failed: number
}

export interface StackSet {
  key: string
  name: string
  id: string
  arn: string
  owner: string
  region: string
  status: 'ACTIVE' | 'DELETED'
  description?: string
  templateBody: string
  template: Template
  parameters: Record<string, string>
  capabilities: string[]
  tags: { Key: string; Value: string }[]
  permissionModel: PermissionModel
  autoDeployment?: { enabled: boolean; retainStacksOnAccountRemoval: boolean }
  administrationRoleArn?: string
  executionRoleName?: string
  managedExecution: boolean
  ous: string[]
  regions: string[]
  instances: Map<string, StackInstance>
  version: number
  /** Operation ids in request order (history included). */
  operationIds: string[]
  /** Operations not yet finished, head first: the head runs, the rest are QUEUED. */
  activeOperationIds: string[]
  drift: StackSetDrift
}

export const instanceKey = (account: string, region: string) => [account, region].join('|')

export type TaskState = 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'SKIPPED'

export interface OperationTask {
  account: string
  region: string
  ou?: string
  state: TaskState
  reason?: string
  startAt?: number
  endAt?: number
}

export interface Preferences {
  regionConcurrency: 'SEQUENTIAL' | 'PARALLEL'
  regionOrder: string[]
  failureToleranceCount?: number
  failureTolerancePercentage?: number
  maxConcurrentCount?: number
  maxConcurrentPercentage?: number
  concurrencyMode: 'STRICT_FAILURE_TOLERANCE' | 'SOFT_FAILURE_TOLERANCE'
}

export interface RegionRun {
  region: string
  tasks: OperationTask[]
  next: number
  running: OperationTask[]
  failures: number
  failed: boolean
  started: boolean
}

export type OperationAction = 'CREATE' | 'UPDATE' | 'DELETE' | 'DETECT_DRIFT'

export interface StackSetOperation {
  id: string
  stackSetKey: string
  action: OperationAction
  status: 'QUEUED' | 'RUNNING' | 'STOPPING' | 'SUCCEEDED' | 'FAILED' | 'STOPPED'
  createdAt: number
  startedAt?: number
  endAt?: number
  statusReason?: string
  preferences: Preferences
  /** Whether OperationPreferences were given (they are echoed back only then). */
  preferencesGiven: boolean
  autoDeploy: boolean
  retainStacks?: boolean
  deploymentTargets?: { Accounts?: string[]; OrganizationalUnitIds?: string[]; AccountFilterType?: string }
  /** ParameterOverrides of UpdateStackInstances / CreateStackInstances, applied to each targeted instance. */
  overrides?: Record<string, string>
  regions: RegionRun[]
  stopRequestedAt?: number
  /** Stack set version the operation deploys. */
  version: number
  failedCount: number
}
