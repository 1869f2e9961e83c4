// KMS keys and aliases as state, made by CloudFormation stacks (AWS::KMS::Key, AWS::KMS::Alias) or a test's
// control. No KMS API is simulated; services that encrypt with a key (CloudTrail, SNS topics EventBridge
// publishes to) find it here and ask its key policy (KMS developer guide, "Key policies": a key policy must
// allow — IAM policies alone never give access to a KMS key unless the key policy delegates to IAM).
import { randomUUID } from 'node:crypto'
import { checkPolicyGrammar } from '../../../policy/index.ts'
import type { PolicyDocument, Statement } from '../../../policy/types.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'

export interface KmsKey {
  keyId: string
  arn: string
  account: string
  region: string
  description?: string
  enabled: boolean
  keySpec: string
  keyUsage: string
  multiRegion: boolean
  rotation: boolean
  policy: PolicyDocument
  tags: Map<string, string>
}

interface KmsState {
  keys: Map<string, KmsKey>
  /** `<account>/<region>/<alias/name>` → key id. */
  aliases: Map<string, string>
}

export function kmsState(world: World): KmsState {
  return world.slice<KmsState>('kms', () => ({ keys: new Map(), aliases: new Map() }))
}

const aliasKey = (account: string, region: string, alias: string) => `${account}/${region}/${alias}`

/**
 * The key policy KMS gives a key created without one (KMS developer guide, "Default key policy"): the
 * account may use IAM policies to allow access to the key, and nothing else.
 */
export function defaultKeyPolicy(account: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  }
}

const malformed = (message: string) => new SandboxError('MalformedPolicyDocumentException', message)

/**
 * PutKeyPolicy / CreateKey's checks: JSON, statements with Effect, Principal and Action, ≤ 32 KB (KMS
 * quotas), and the lockout safety check — the policy must let a principal of the key's account change the
 * policy later (KMS developer guide, "Default key policy" → BypassPolicyLockoutSafetyCheck). The sandbox
 * accepts any principal of the account for the latter, as it does not know which principal called.
 */
export function checkKeyPolicy(document: unknown, account: string): PolicyDocument {
  let parsed = document
  if (typeof document === 'string') {
    try {
      parsed = JSON.parse(document)
    } catch {
      throw malformed('The policy document is not valid JSON')
    }
  }
  if (typeof parsed !== 'object' || parsed === null) throw malformed('The key policy must be a JSON object')
  const policy = parsed as PolicyDocument
  if (JSON.stringify(policy).length > 32 * 1024) throw malformed('The key policy is larger than 32 KB')
  const statements = (Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement]).filter(Boolean)
  if (statements.length === 0) throw malformed('The key policy has no statement')
  for (const s of statements) {
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
      throw malformed('Each statement needs Effect Allow or Deny')
    if (s.Principal === undefined && s.NotPrincipal === undefined)
      throw malformed('Policy contains a statement with no principal.')
    if (s.Action === undefined && s.NotAction === undefined) throw malformed('Each statement needs an Action')
  }
  const [problem] = checkPolicyGrammar(policy, { kind: 'resource' })
  if (problem !== undefined) throw malformed(`The key policy is not valid: ${problem}.`)
  if (!statements.some((s) => letsAccountManage(s, account)))
    throw malformed('The new key policy will not allow you to update the key policy in the future.')
  return policy
}

function letsAccountManage(s: Statement, account: string): boolean {
  if (s.Effect !== 'Allow' || !s.Principal) return false
  const actions = [s.Action ?? []].flat().map((a) => String(a).toLowerCase())
  if (!actions.some((a) => a === '*' || a === 'kms:*' || a === 'kms:putkeypolicy')) return false
  if (s.Principal === '*') return true
  const aws = [s.Principal.AWS ?? []].flat()
  return aws.some((p) => p === '*' || p === account || String(p).startsWith(`arn:aws:iam::${account}:`))
}

export interface NewKey {
  account: string
  region: string
  policy?: unknown
  description?: string
  enabled?: boolean
  keySpec?: string
  keyUsage?: string
  multiRegion?: boolean
  rotation?: boolean
}

export function createKey(world: World, spec: NewKey): KmsKey {
  const policy =
    spec.policy === undefined ? defaultKeyPolicy(spec.account) : checkKeyPolicy(spec.policy, spec.account)
  const keyId = spec.multiRegion ? `mrk-${randomUUID().replace(/-/g, '')}` : randomUUID()
  const key: KmsKey = {
    keyId,
    arn: `arn:aws:kms:${spec.region}:${spec.account}:key/${keyId}`,
    account: spec.account,
    region: spec.region,
    ...(spec.description !== undefined && { description: spec.description }),
    enabled: spec.enabled ?? true,
    keySpec: spec.keySpec ?? 'SYMMETRIC_DEFAULT',
    keyUsage: spec.keyUsage ?? 'ENCRYPT_DECRYPT',
    multiRegion: spec.multiRegion ?? false,
    rotation: spec.rotation ?? false,
    policy,
    tags: new Map(),
  }
  kmsState(world).keys.set(key.arn, key)
  return key
}

export function deleteKey(world: World, arn: string): void {
  const state = kmsState(world)
  const key = state.keys.get(arn)
  if (!key) return
  state.keys.delete(arn)
  for (const [alias, target] of state.aliases) if (target === key.keyId) state.aliases.delete(alias)
}

/** `alias/…` names (KMS CreateAlias): letters, digits, `/_-`, ≤ 256, not the AWS-managed `alias/aws/` prefix. */
export function checkAliasName(name: string): void {
  if (!/^alias\/[a-zA-Z0-9/_-]+$/.test(name) || name.length > 256)
    throw new SandboxError(
      'ValidationException',
      `Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html`,
    )
  if (name.startsWith('alias/aws/'))
    throw new SandboxError('NotAuthorizedException', "Cannot create alias with prefix 'alias/aws/'")
}

export function createAlias(
  world: World,
  account: string,
  region: string,
  name: string,
  target: string,
): void {
  checkAliasName(name)
  const key = resolveKey(world, account, region, target)
  if (!key || key.account !== account || key.region !== region)
    throw new SandboxError('NotFoundException', `Key '${target}' does not exist`)
  const state = kmsState(world)
  const k = aliasKey(account, region, name)
  if (state.aliases.has(k))
    throw new SandboxError(
      'AlreadyExistsException',
      `An alias with the name arn:aws:kms:${region}:${account}:${name} already exists`,
    )
  state.aliases.set(k, key.keyId)
}

export function deleteAlias(world: World, account: string, region: string, name: string): void {
  kmsState(world).aliases.delete(aliasKey(account, region, name))
}

/**
 * A key as KMS resolves a KeyId parameter: key id or alias name in the caller's account and region, key ARN
 * or alias ARN anywhere (KMS developer guide, "Key identifiers (KeyId)").
 */
export function resolveKey(world: World, account: string, region: string, ref: string): KmsKey | undefined {
  const state = kmsState(world)
  const aliasArn = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(alias\/.+)$/.exec(ref)
  if (aliasArn) {
    const [, r = '', a = '', name = ''] = aliasArn
    const id = state.aliases.get(aliasKey(a, r, name))
    return id ? state.keys.get(`arn:aws:kms:${r}:${a}:key/${id}`) : undefined
  }
  if (ref.startsWith('arn:')) return state.keys.get(ref)
  if (ref.startsWith('alias/')) {
    const id = state.aliases.get(aliasKey(account, region, ref))
    return id ? state.keys.get(`arn:aws:kms:${region}:${account}:key/${id}`) : undefined
  }
  return state.keys.get(`arn:aws:kms:${region}:${account}:key/${ref}`)
}
