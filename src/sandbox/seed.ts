// Builds a World from a seed: the `organization` section of `config/sandbox.yaml` (or an object of the
// same shape, e.g. from the generator), then hands every other top-level section to the service whose
// `seedKey` names it.
import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { z } from 'zod'
import type { Clock } from './clock.ts'
import { resolveParent } from './controls.ts'
import { registerDelegatedAdmin } from './services/organizations/access.ts'
import {
  addAccount,
  addOu,
  ensureFullAwsAccess,
  orgState,
  policyArn,
  SCP,
} from './services/organizations/model.ts'
import type { SimulatedService } from './services/service.ts'
import { World } from './state.ts'

const rootCredentials = z.object({
  mfa: z.boolean().default(false),
  password: z.boolean().default(false),
  accessKeys: z.boolean().default(false),
})

const accountSeed = z.object({
  id: z.string().regex(/^\d{12}$/, 'an account id is 12 digits (quote it in YAML)'),
  name: z.string().min(1),
  email: z.string().optional(),
  status: z.enum(['ACTIVE', 'SUSPENDED', 'PENDING_CLOSURE']).default('ACTIVE'),
  optInRegions: z.array(z.string()).default([]),
  /** Roles the management account can assume here; default OrganizationAccountAccessRole. */
  accessRoles: z.array(z.string()).optional(),
  root: rootCredentials.optional(),
  tags: z.record(z.string(), z.string()).optional(),
})

export type AccountSeed = z.input<typeof accountSeed>

export interface OuSeed {
  name: string
  accounts?: AccountSeed[]
  ous?: OuSeed[]
}

const ouSeed: z.ZodType<OuSeed> = z.lazy(() =>
  z.object({
    name: z.string().min(1),
    accounts: z.array(accountSeed).optional(),
    ous: z.array(ouSeed).optional(),
  }),
)

const policySeed = z.object({
  name: z.string().min(1),
  description: z.string().default(''),
  type: z.string().default(SCP),
  /** The document, as an object or JSON text; stored as given (minified when an object). */
  content: z.union([z.string(), z.record(z.string(), z.unknown())]),
  /** OU paths (`Workloads/Prod`), OU or account ids, or `Root`. */
  targets: z.array(z.string()).default([]),
  tags: z.record(z.string(), z.string()).default({}),
})

export const organizationSeed = z.object({
  id: z
    .string()
    .regex(/^o-[a-z0-9]{10,32}$/)
    .default('o-sandbox0001'),
  rootId: z
    .string()
    .regex(/^r-[0-9a-z]{4,32}$/)
    .default('r-sb01'),
  managementAccount: accountSeed.omit({ status: true }),
  accounts: z.array(accountSeed).default([]),
  ous: z.array(ouSeed).default([]),
  policies: z.array(policySeed).default([]),
  policyTypes: z.array(z.string()).default([SCP]),
  trustedAccess: z.array(z.string()).default([]),
  /** Service principal → account ids. */
  delegatedAdmins: z.record(z.string(), z.array(z.string())).default({}),
})

export type OrganizationSeed = z.input<typeof organizationSeed>

export class SeedError extends Error {
  override name = 'SeedError'
}

// The bundle (scripts/bundle.js) defines SHIPPED_SEEDS: each seed shipped in config/, its text with the JSON
// of its parse, made at build time by the same YAML parser. A plan on the default seed then reads JSON
// (native) instead of running the YAML parser cold; any other text is parsed as before. Undefined under tsx.
declare const SHIPPED_SEEDS: [text: string, json: string][] | undefined

const shippedSeeds = new Map<string, string>(typeof SHIPPED_SEEDS === 'undefined' ? [] : SHIPPED_SEEDS)

/** Reads a seed file (YAML or JSON). */
export function readSeedFile(path: string): Record<string, unknown> {
  const text = readFileSync(path, 'utf8')
  const shipped = shippedSeeds.get(text)
  // A fresh object on every read: whoever builds a world from it may keep or change it.
  const data = (shipped === undefined ? parse(text) : JSON.parse(shipped)) as unknown
  if (!data || typeof data !== 'object') throw new SeedError(`${path}: the seed must be a mapping`)
  return data as Record<string, unknown>
}

export function buildWorld(
  seed: Record<string, unknown>,
  clock: Clock,
  services: Record<string, SimulatedService>,
): World {
  const parsed = organizationSeed.safeParse(seed.organization)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new SeedError(`seed organization.${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`)
  }
  const org = parsed.data
  const world = new World(clock, org.id, org.managementAccount.id, org.rootId)
  ensureFullAwsAccess(world)
  if (!org.policyTypes.includes(SCP)) world.enabledPolicyTypes.delete(SCP)
  for (const type of org.policyTypes) world.enabledPolicyTypes.add(type)
  const state = orgState(world)
  if (org.managementAccount.email) state.managementEmail = org.managementAccount.email

  const place = (account: z.output<typeof accountSeed>, parentId: string, method: 'CREATED' | 'INVITED') => {
    addAccount(
      world,
      {
        id: account.id,
        name: account.name,
        ...(account.email ? { email: account.email } : {}),
        parentId,
        status: account.status,
        joinedAt: new Date(clock.now() - 365 * 86_400_000),
        joinedMethod: method,
        optInRegions: account.optInRegions,
        ...(account.accessRoles ? { accessRoles: account.accessRoles } : {}),
        ...(account.root ? { root: account.root } : {}),
      },
      false,
    )
    if (account.tags) state.tags.set(account.id, new Map(Object.entries(account.tags)))
  }
  place(
    { ...org.managementAccount, status: 'ACTIVE', accessRoles: org.managementAccount.accessRoles ?? [] },
    world.rootId,
    'INVITED',
  )
  for (const account of org.accounts) place(account, world.rootId, 'CREATED')
  const placeOus = (ous: OuSeed[], parentId: string) => {
    for (const ouSpec of ous) {
      const ou = addOu(world, parentId, ouSpec.name)
      for (const account of ouSpec.accounts ?? []) place(accountSeed.parse(account), ou.id, 'CREATED')
      placeOus(ouSpec.ous ?? [], ou.id)
    }
  }
  placeOus(org.ous, world.rootId)

  for (const policy of org.policies) {
    const id = `p-${world.nextId(8).toLowerCase()}`
    const content = typeof policy.content === 'string' ? policy.content : JSON.stringify(policy.content)
    world.policies.set(id, {
      id,
      arn: policyArn(world, id, policy.type),
      name: policy.name,
      description: policy.description,
      type: policy.type,
      content,
      awsManaged: false,
      tags: new Map(Object.entries(policy.tags)),
      targets: new Set(
        policy.targets.map((t) =>
          world.accounts.has(t) ? t : resolveParent(world, t === 'Root' ? undefined : t),
        ),
      ),
    })
  }
  for (const principal of org.trustedAccess) world.trustedAccess.set(principal, clock.date())
  for (const [principal, accountIds] of Object.entries(org.delegatedAdmins)) {
    for (const accountId of accountIds) registerDelegatedAdmin(world, accountId, principal)
  }

  for (const service of Object.values(services)) {
    if (service.seedKey && service.seed && seed[service.seedKey] !== undefined) {
      service.seed(world, seed[service.seedKey])
    }
  }
  return world
}
