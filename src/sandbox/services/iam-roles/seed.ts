// Roles and customer managed policies from a seed's `iam` section, and the `iam/put-role`, `iam/put-policy`
// controls, which take the same shapes. Documents may be objects or JSON text; a role's trust policy defaults
// to trusting the management account (the way the organization access role trusts it).
import { z } from 'zod'
import type { PolicyDocument } from '../../../policy/types.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { checkDocument } from './documents.ts'
import { customerPolicies, managedPolicy, putRole, type Role, trustAccount } from './store.ts'

const document = z.union([z.string(), z.record(z.string(), z.unknown())])
const text = (doc: z.infer<typeof document>) => (typeof doc === 'string' ? doc : JSON.stringify(doc))

export const roleSeed = z.object({
  account: z.string().regex(/^\d{12}$/, 'an account id is 12 digits (quote it in YAML)'),
  name: z.string().regex(/^[\w+=,.@-]{1,64}$/),
  path: z
    .string()
    .regex(/^(\/|\/[\u0021-\u007E]+\/)$/)
    .optional(),
  description: z.string().optional(),
  trustPolicy: document.optional(),
  /** Inline policies: name → document. */
  policies: z.record(z.string(), document).default({}),
  managedPolicyArns: z.array(z.string()).default([]),
  boundary: z.string().optional(),
  maxSessionDuration: z.number().int().min(3600).max(43_200).optional(),
  tags: z.record(z.string(), z.string()).default({}),
  /**
   * A role in an AWS account outside the organization (a partner's), for tests of what outside principals
   * may do (RCPs): it has no aws:PrincipalOrgID.
   */
  outsideOrganization: z.boolean().default(false),
})

export const policySeed = z.object({
  account: z.string().regex(/^\d{12}$/),
  name: z.string().regex(/^[\w+=,.@-]{1,128}$/),
  path: z.string().default('/'),
  document,
})

export const iamSeed = z.object({
  policies: z.array(policySeed).default([]),
  roles: z.array(roleSeed).default([]),
})

function invalid(message: string): never {
  throw new SandboxError('InvalidControl', message)
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, where: string): T {
  const result = schema.safeParse(value)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  return invalid(`${where}.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
}

/** Checks a document as IAM would, reporting it as a seed/control error. */
function checked(doc: string, kind: 'trust' | 'identity', where: string): string {
  try {
    checkDocument(doc, kind)
  } catch (error) {
    invalid(`${where}: ${error instanceof Error ? error.message : String(error)}`)
  }
  return doc
}

export function putPolicyFrom(world: World, value: unknown): { arn: string } {
  const spec = parsed(policySeed, value, 'iam policy')
  const arn = `arn:aws:iam::${spec.account}:policy${spec.path}${spec.name}`
  const body = checked(text(spec.document), 'identity', `policy ${spec.name}`)
  customerPolicies(world).set(arn, {
    arn,
    name: spec.name,
    path: spec.path,
    document: JSON.parse(body) as PolicyDocument,
    attachable: true,
    awsManaged: false,
    account: spec.account,
    id: `ANPASANDBOX${world.nextId(10).toUpperCase()}`,
    createdAt: world.clock.date(),
  })
  return { arn }
}

export function putRoleFrom(world: World, value: unknown): Role {
  const spec = parsed(roleSeed, value, 'iam role')
  if (!world.accounts.has(spec.account) && !spec.outsideOrganization)
    invalid(`iam role ${spec.name}: no account ${spec.account}`)
  for (const arn of [...spec.managedPolicyArns, ...(spec.boundary ? [spec.boundary] : [])]) {
    if (!managedPolicy(world, arn)) invalid(`iam role ${spec.name}: no managed policy ${arn}`)
  }
  return putRole(world, {
    account: spec.account,
    name: spec.name,
    ...(spec.path ? { path: spec.path } : {}),
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    trustPolicy: checked(
      spec.trustPolicy === undefined ? trustAccount(world.managementAccountId) : text(spec.trustPolicy),
      'trust',
      `role ${spec.name} trust policy`,
    ),
    inline: Object.fromEntries(
      Object.entries(spec.policies).map(([name, doc]) => [
        name,
        checked(text(doc), 'identity', `role ${spec.name} policy ${name}`),
      ]),
    ),
    attached: spec.managedPolicyArns,
    ...(spec.boundary ? { boundary: spec.boundary } : {}),
    ...(spec.maxSessionDuration ? { maxSessionDuration: spec.maxSessionDuration } : {}),
    tags: spec.tags,
  })
}

export function seedIam(world: World, value: unknown): void {
  const spec = parsed(iamSeed, value, 'seed iam')
  for (const policy of spec.policies) putPolicyFrom(world, policy)
  for (const role of spec.roles) putRoleFrom(world, role)
}
