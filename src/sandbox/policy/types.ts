// The shapes the sandbox's one policy evaluator works on: IAM policy documents (SCPs, identity, resource,
// boundary policies all share the grammar) and the request they are judged against. Every check the sandbox
// makes — SCPs on member-account calls, identity policies, bucket / topic / key policies when a service
// principal writes, role trust policies on AssumeRole — builds a RequestContext and asks `authorize`.

/** A condition key's value in the request. Booleans and numbers travel as strings, as IAM compares them. */
export type ContextValue = string | string[]

/** Who makes the request. */
export type Principal =
  | { type: 'AWS'; arn: string; account: string }
  | { type: 'Service'; service: string }
  | { type: 'Anonymous' }

export interface RequestContext {
  /** `service:Operation`, e.g. `organizations:AttachPolicy`; matched case-insensitively. */
  action: string
  /** The resource's ARN, or `*` for actions that support no resource-level permissions. */
  resource: string
  principal: Principal
  /** Condition keys present in the request (key names case-insensitive); absent keys are omitted. */
  context: Record<string, ContextValue>
}

export interface Statement {
  Sid?: string
  Effect: 'Allow' | 'Deny'
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Principal?: '*' | Record<string, string | string[]>
  NotPrincipal?: Record<string, string | string[]>
  Condition?: Record<string, Record<string, unknown>>
}

export interface PolicyDocument {
  Version?: string
  Id?: string
  Statement: Statement | Statement[]
}

/**
 * A policy with the name the sandbox reports it by (an SCP's id and name, a role's inline policy name…). The
 * evaluator reads a document once and caches what it read: replace a stored document, never edit it in place.
 */
export interface NamedPolicy {
  name: string
  document: PolicyDocument | string
  /** The policy's ARN (an SCP's, a managed policy's): newer AccessDenied messages name the denying policy by it. */
  arn?: string
}

/** Which statement of which policy decided. `statement` is the Sid, or the statement's index as a string. */
export interface StatementMatch {
  policy: string
  statement: string
  /** The policy's ARN when the NamedPolicy gave one. */
  policyArn?: string
}

export interface PolicyEvaluation {
  effect: 'Allow' | 'Deny' | 'NotApplicable'
  /** The first statement that matched with the effect above (none for NotApplicable). */
  match?: StatementMatch
}

/**
 * Everything that governs one request. A policy set left undefined does not take part (e.g. `scps` for the
 * management account or a service-linked role; `identity` for a principal whose permissions the sandbox does
 * not model); an empty array takes part and allows nothing.
 */
export interface AuthorizationInput {
  /** SCPs on the path root → OUs → account, one list per level; every level must allow. */
  scps?: NamedPolicy[][]
  /** RCPs on the path of the resource's account, one list per level; every level must allow. */
  rcps?: NamedPolicy[][]
  identity?: NamedPolicy[]
  /** Permissions boundary of the principal: must allow as well. */
  boundary?: NamedPolicy[]
  /** Session policies passed at AssumeRole: must allow as well. */
  session?: NamedPolicy[]
  /** The resource's own policy (bucket, topic, key, role trust). */
  resource?: NamedPolicy[]
  /**
   * Whether the principal and the resource are in one account. In one account an Allow from either the
   * identity or the resource policy suffices; across accounts both must allow. KMS key policies and role trust
   * policies are the exception AWS documents: the resource policy must allow even in one account (`resourceMustAllow`).
   */
  sameAccount?: boolean
  resourceMustAllow?: boolean
}

export type DenialReason =
  | 'explicit-deny-scp'
  | 'no-scp-allows'
  | 'explicit-deny-rcp'
  | 'no-rcp-allows'
  | 'explicit-deny-identity'
  | 'explicit-deny-resource'
  | 'explicit-deny-boundary'
  | 'no-boundary-allows'
  | 'explicit-deny-session'
  | 'no-session-allows'
  | 'no-identity-allows'
  | 'no-resource-allows'

export interface Decision {
  allowed: boolean
  reason?: DenialReason
  /** The deciding statement: the explicit deny, or for an allow the identity / resource statement that allowed. */
  match?: StatementMatch
  /** For SCP / RCP reasons: the level (0 = root) that denied or allowed nothing. */
  level?: number
}
