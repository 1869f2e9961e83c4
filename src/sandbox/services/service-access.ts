// How a service principal's access to a customer resource is decided: the resource's own policy (bucket,
// topic, key policy) must allow, and no statement may deny — the service principal has no identity policy
// of the customer's to fall back on (IAM user guide, "Policy evaluation logic": a resource-based policy
// alone grants a service principal). One place builds the request context AWS documents for such calls.
import { authorize } from '../../policy/index.ts'
import type { ContextValue, NamedPolicy, PolicyDocument } from '../../policy/types.ts'
import { rcpLevels } from '../authz/rcp-path.ts'
import type { World } from '../state.ts'

export interface ServiceRequest {
  /** The service principal, e.g. `cloudtrail.amazonaws.com`. */
  service: string
  action: string
  resource: string
  context: Record<string, ContextValue>
}

/**
 * Whether `policy` (named for reports, e.g. the bucket) lets the service principal make the request, and
 * the RCPs of the resource's account (`rcps`, from `resourceRcps`) do not deny it.
 */
export function resourcePolicyAllows(
  policy: PolicyDocument | undefined,
  name: string,
  request: ServiceRequest,
  rcps?: NamedPolicy[][],
): boolean {
  if (!policy) return false
  const decision = authorize(
    { resource: [{ name, document: policy }], resourceMustAllow: true, ...(rcps ? { rcps } : {}) },
    {
      action: request.action,
      resource: request.resource,
      principal: { type: 'Service', service: request.service },
      context: request.context,
    },
  )
  return decision.allowed
}

/**
 * The context keys present when a service principal acts on behalf of a resource of `account` (IAM user
 * guide, global condition keys: aws:SourceAccount, aws:SourceArn, aws:SourceOrgID "when a service
 * principal…"; aws:PrincipalIsAWSService, aws:PrincipalServiceName). Services deliver over TLS, so
 * aws:SecureTransport is true.
 */
export function serviceContext(
  world: World,
  service: string,
  account: string,
  sourceArn?: string,
): Record<string, ContextValue> {
  const inOrganization = world.accounts.has(account)
  return {
    'aws:SourceAccount': account,
    ...(sourceArn !== undefined && { 'aws:SourceArn': sourceArn }),
    ...(inOrganization && { 'aws:SourceOrgID': world.organizationId }),
    'aws:PrincipalIsAWSService': 'true',
    'aws:PrincipalServiceName': service,
    'aws:SecureTransport': 'true',
  }
}

/** The RCPs that take part when a service principal acts on a resource of `account` (authz/rcp-path.ts). */
export function resourceRcps(world: World, account: string, action: string): NamedPolicy[][] | undefined {
  return rcpLevels(world, account, action)
}
