// What the stacksets module reads from AWS (and from its template directory), as plain data.
import type { Parameters, TemplateName } from './catalogue.ts'

/** A stack instance that needs attention, from a filtered ListStackInstances (never a full listing). */
export interface InstanceProblem {
  account: string
  region: string
  ou?: string
  /** FAILED | CANCELLED | PENDING | RUNNING | INOPERABLE | SKIPPED_SUSPENDED_ACCOUNT | DRIFTED | DRIFT_CHECK_FAILED | EXCLUDED */
  kind: string
  reason?: string
  /** A FAILED instance in an opt-in region its account has not enabled, or `unknown` (region-opt-in.ts). */
  regionOptIn?: 'not-enabled' | 'unknown'
}

export interface ObservedStackSet {
  templateBody: string
  parameters: Parameters
  ous: string[]
  regions: string[]
  autoDeployment: boolean
  managedExecution: boolean
  /** The canary region of an update that reached only it (rollout-mark.ts). */
  rolloutPending?: string
  problems: InstanceProblem[]
  /** The newest operation, when one is still queued or running. */
  activeOperation?: { id: string; action: string; status: string }
}

export interface ObservedStack {
  status: string
  /** Hash of the template the tool deployed, from the stack's `org-baseline:template` tag. */
  templateHash?: string
  /**
   * The stack's current template, read only when it differs from the one the tool would deploy (so the plan
   * can show the difference): from a body already at hand with the same hash, else one GetTemplate.
   */
  templateBody?: string
  parameters: Parameters
  drifted: boolean
  statusReason?: string
}

export interface StacksetsObserved {
  /** Template bodies from the template directory, by template name. */
  templates: Partial<Record<TemplateName, string>>
  /** The package's own templates, read only when stackSets.templateDir names another directory. */
  shipped: Partial<Record<TemplateName, string>>
  organizationsAccess: boolean
  stackSets: Partial<Record<TemplateName, ObservedStackSet | null>>
  /** By stack address. */
  stacks: Record<string, ObservedStack | null>
}
