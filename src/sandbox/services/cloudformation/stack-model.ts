// The shape of a stack as the engine keeps it. Statuses are a timeline: each entry takes effect at its
// simulated time, so DescribeStacks computes CREATE_IN_PROGRESS → CREATE_COMPLETE lazily from the clock.
import type { StackActor } from '../../authz/resource-authorization.ts'
import type { BoundParameters } from './template-parameters.ts'
import type { Template } from './template-parse.ts'

export interface StatusTransition {
  at: number
  status: string
  reason?: string
}

export interface StackEventRecord {
  at: number
  logicalId: string
  physicalId: string
  type: string
  status: string
  reason?: string
}

export interface StackResource {
  logicalId: string
  type: string
  physicalId: string
  attributes: Record<string, unknown>
  /** Properties as resolved from the template: what drift detection expects. */
  expected: Record<string, unknown>
  status: string
  statusReason?: string
  updatedAt: number
  /** Out-of-band changes for types without a provider (set by the drift control). */
  manualDrift?: { deleted?: boolean; properties?: Record<string, unknown> }
}

export interface ResourceDriftResult {
  logicalId: string
  physicalId: string
  type: string
  status: 'IN_SYNC' | 'MODIFIED' | 'DELETED' | 'NOT_CHECKED'
  expected: Record<string, unknown>
  actual: Record<string, unknown> | undefined
  differences: { PropertyPath: string; ExpectedValue: string; ActualValue: string; DifferenceType: string }[]
  at: number
}

export interface StackDriftDetection {
  id: string
  stackId: string
  startedAt: number
  completesAt: number
  results: ResourceDriftResult[]
}

export interface Stack {
  stackId: string
  name: string
  account: string
  region: string
  createdAt: number
  updatedAt?: number
  deletedAt?: number
  transitions: StatusTransition[]
  templateBody: string
  template: Template
  parameters: BoundParameters
  tags: { Key: string; Value: string }[]
  capabilities: string[]
  disableRollback: boolean
  outputs: { OutputKey: string; OutputValue: string; Description?: string }[]
  resources: Map<string, StackResource>
  events: StackEventRecord[]
  /** Set when the stack belongs to a stack set instance. */
  stackSetId?: string
  /** The principal CloudFormation acts as on the stack's resources (its changes are authorized as it). */
  actor?: StackActor
  drift?: { status: 'DRIFTED' | 'IN_SYNC' | 'NOT_CHECKED'; checkedAt: number }
  detections: StackDriftDetection[]
}

export function statusAt(stack: Stack, now: number): StatusTransition {
  let current = stack.transitions[0] as StatusTransition
  for (const t of stack.transitions) if (t.at <= now) current = t
  return current
}

export function isDeleted(stack: Stack, now: number): boolean {
  return statusAt(stack, now).status === 'DELETE_COMPLETE'
}

export function isInProgress(stack: Stack, now: number): boolean {
  return statusAt(stack, now).status.endsWith('_IN_PROGRESS')
}
