// The request context AWS gathers for one request (AWS global condition context keys, IAM user guide):
// principal keys, request keys, and the keys of the resource the request is judged against.

import type { ContextValue, RequestContext } from '../../policy/types.ts'
import { orgState } from '../services/organizations/model.ts'
import { findBucket } from '../services/s3/buckets.ts'
import type { Session } from '../services/sts.ts'
import type { World } from '../state.ts'
import { principalArnOf } from './principal.ts'

/**
 * Services with one global endpoint, hosted in us-east-1: `aws:RequestedRegion` is us-east-1 whatever Region
 * the client signs for ("global services with a single endpoint that is physically located in the us-east-1
 * Region… all requests to these services are made to the us-east-1 Region" — IAM user guide, "AWS: Denies
 * access to AWS based on the requested Region"; Organizations and Account Management are hosted in us-east-1,
 * aws-facts §1).
 */
const GLOBAL_IN_US_EAST_1 = new Set(['organizations', 'iam', 'account'])

export const requestedRegion = (signingName: string, region: string) =>
  GLOBAL_IN_US_EAST_1.has(signingName) ? 'us-east-1' : region

export interface Via {
  /** A service acting with the caller's own credentials (forward access session), e.g. CloudFormation. */
  service: string
}

/** Keys every request of this principal carries, whatever the resource. */
function buildPrincipalKeys(
  world: World,
  session: Session,
  region: string,
  via: Via | undefined,
): Record<string, ContextValue> {
  const keys: Record<string, ContextValue> = {
    'aws:PrincipalArn': principalArnOf(session),
    'aws:PrincipalAccount': session.account,
    'aws:PrincipalType': session.assumedRole ? 'AssumedRole' : 'Account',
    'aws:userid': session.userId,
    'aws:RequestedRegion': region,
    // The SDK speaks TLS to AWS endpoints; the sandbox's loopback HTTP stands in for that HTTPS connection.
    'aws:SecureTransport': 'true',
    'aws:CurrentTime': world.clock
      .date()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z'),
    'aws:EpochTime': String(Math.floor(world.clock.now() / 1000)),
    'aws:ViaAWSService': via ? 'true' : 'false',
  }
  if (via) keys['aws:CalledVia'] = [via.service]
  if (world.accounts.has(session.account)) keys['aws:PrincipalOrgID'] = world.organizationId
  if (session.assumedRoot) keys['aws:AssumedRoot'] = 'true'
  return keys
}

/**
 * The same object for a session's requests in one Region within one simulated second (the time keys' grain),
 * so a busy principal does not rebuild it, and the evaluator's per-context key index is reused. Treat it as
 * read-only.
 */
const recent = new WeakMap<Session, { second: number; byScope: Map<string, Record<string, ContextValue>> }>()

export function principalKeys(
  world: World,
  session: Session,
  region: string,
  via?: Via,
): Record<string, ContextValue> {
  const second = Math.floor(world.clock.now() / 1000)
  let entry = recent.get(session)
  if (!entry || entry.second !== second) {
    entry = { second, byScope: new Map() }
    recent.set(session, entry)
  }
  const scope = via ? `${region}|${via.service}` : region
  let keys = entry.byScope.get(scope)
  if (!keys) {
    keys = buildPrincipalKeys(world, session, region, via)
    entry.byScope.set(scope, keys)
  }
  return keys
}

const ORGANIZATIONS_ID = /^arn:aws:organizations::[^:]*:(?:account|ou|root|policy)\/.*\/([^/]+)$/

/** Tags of an Organizations account, OU, root or policy (`aws:ResourceTag/…`). */
function organizationsTags(world: World, arn: string): Map<string, string> | undefined {
  const id = ORGANIZATIONS_ID.exec(arn)?.[1]
  if (!id) return undefined
  return world.policies.get(id)?.tags ?? orgState(world).tags.get(id)
}

/**
 * Keys of the resource: `aws:ResourceAccount`, `aws:ResourceOrgID` when that account is in the organization,
 * and `aws:ResourceTag/<key>` for the Organizations resources, which carry tags in the sandbox. Other services'
 * resource tags are not modelled as condition keys.
 */
export function resourceKeys(world: World, arn: string): Record<string, ContextValue> {
  if (arn === '*' || !arn.startsWith('arn:')) return {}
  const keys: Record<string, ContextValue> = {}
  // An S3 ARN names no account: the bucket's owner is the resource account (IAM user guide, global
  // condition keys, aws:ResourceAccount / aws:ResourceOrgID are present for resources S3 owns in an account).
  const account = arn.startsWith('arn:aws:s3:::')
    ? (findBucket(world, arn.slice('arn:aws:s3:::'.length).split('/')[0] ?? '')?.account ?? '')
    : (arn.split(':')[4] ?? '')
  if (/^\d{12}$/.test(account)) {
    keys['aws:ResourceAccount'] = account
    if (world.accounts.has(account)) keys['aws:ResourceOrgID'] = world.organizationId
  }
  if (arn.startsWith('arn:aws:organizations:')) {
    const tags = organizationsTags(world, arn)
    if (tags) for (const [k, v] of tags) keys[`aws:ResourceTag/${k}`] = v
  }
  return keys
}

export function requestContext(
  session: Session,
  action: string,
  resource: string,
  keys: Record<string, ContextValue>,
): RequestContext {
  return {
    action,
    resource,
    principal: { type: 'AWS', arn: session.principalArn, account: session.account },
    context: keys,
  }
}
