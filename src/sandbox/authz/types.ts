// The shapes of the sandbox's authorization tables: for each simulated operation, the IAM action it is
// authorized as, the ARNs of the resources it touches and the condition keys the request itself carries.
// Values follow the Service Authorization Reference ("Actions, resources, and condition keys for <service>").
import type { ContextValue, NamedPolicy } from '../../policy/types.ts'
import type { World } from '../state.ts'

/** What a table entry may read: the World, and the account and Region the request is made in. */
export interface ActionScope {
  world: World
  /** The calling account (where account-scoped resources of the request live). */
  account: string
  /** The request's Region (for global services, where AWS evaluates them: us-east-1). */
  region: string
  /** The caller's ARN (S3 lets its bucket owner's root user manage the bucket policy whatever it says). */
  principalArn?: string
}

/**
 * The request's input as one flat record: awsJson / awsQuery members as decoded; for restJson1 the path
 * labels, query string and JSON body merged (wire names).
 */
export type ActionInput = Record<string, unknown>

export interface ActionEntry {
  /** `service:Action` as IAM names it. */
  action: string
  /**
   * The resources the action is authorized against, each evaluated on its own (every one must be allowed).
   * Absent: the action supports no resource-level permissions and is evaluated against `*`.
   */
  resources?: (input: ActionInput, scope: ActionScope) => string[]
  /** Condition keys the request carries (e.g. `organizations:PolicyType`, `aws:RequestTag/…`). */
  context?: (input: ActionInput, scope: ActionScope) => Record<string, ContextValue>
  /**
   * The resource's own policy where it takes part in the decision (a role's trust policy for sts:AssumeRole);
   * undefined when the resource has none.
   */
  resourcePolicy?: (input: ActionInput, scope: ActionScope) => ResourcePolicy | undefined
}

export interface ResourcePolicy {
  policies: NamedPolicy[]
  /** Role trust and KMS key policies must allow even within one account (AuthorizationInput.resourceMustAllow). */
  mustAllow: boolean
  /**
   * The account that owns the resource, where its ARN does not say (S3: `arn:aws:s3:::bucket`); decides
   * same-account vs cross-account evaluation.
   */
  account?: string
}

/** Operation name → the action(s) it needs; several when AWS authorizes one call as more than one action. */
export type ActionTable = Record<string, ActionEntry | ActionEntry[]>
