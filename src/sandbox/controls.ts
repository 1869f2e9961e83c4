// Controls: how tests and demos change the simulated world out of band (drift, accounts joining, moving,
// being suspended, regions enabled) and tune the sandbox (faults, latency, page size, throttling, clock).
// `sandbox.control(service, name, args)` runs a service's own control, or one of these framework controls
// (reachable under any service name, and under `sandbox`).
import type { CallLog } from './call-log.ts'
import { SandboxError } from './errors.ts'
import type { SandboxSettings } from './server.ts'
import { ENABLE_REGION_MS } from './services/account.ts'
import { deregisterDelegatedAdmin } from './services/organizations/access.ts'
import {
  addAccount,
  addOu,
  moveAccount,
  nextAccountId,
  setAccountStatus,
} from './services/organizations/model.ts'
import { detachPolicyFrom } from './services/organizations/policies.ts'
import { resourceServiceControls } from './services/resource-controls.ts'
import type { SimulatedService } from './services/service.ts'
import type { Policy, World } from './state.ts'

export interface ControlEnv {
  world: World
  settings: SandboxSettings
  calls: CallLog
}

type FrameworkControl = (env: ControlEnv, args: Record<string, unknown>) => unknown

const str = (args: Record<string, unknown>, name: string): string => {
  const value = args[name]
  if (typeof value !== 'string' || value === '')
    throw new SandboxError('InvalidControl', `Control argument "${name}" is required`)
  return value
}

/** A parent given as an id (`r-…`, `ou-…`) or as an OU path (`Workloads/Prod`). */
export function resolveParent(world: World, parent: string | undefined): string {
  if (!parent || parent === '/' || parent === 'Root') return world.rootId
  if (parent === world.rootId || world.ous.has(parent)) return parent
  let current = world.rootId
  for (const name of parent.split('/').filter(Boolean)) {
    const next = [...world.ous.values()].find((ou) => ou.parentId === current && ou.name === name)
    if (!next) throw new SandboxError('InvalidControl', `No OU at path "${parent}"`)
    current = next.id
  }
  return current
}

function findPolicy(world: World, args: Record<string, unknown>): Policy {
  const key = (args.policyId ?? args.policy ?? args.name) as string | undefined
  const policy = [...world.policies.values()].find((p) => p.id === key || p.name === key)
  if (!policy) throw new SandboxError('InvalidControl', `No policy "${key}"`)
  return policy
}

export const frameworkControls: Record<string, FrameworkControl> = {
  faults: ({ settings }, args) => {
    settings.faults.set(
      typeof args.spec === 'string' ? args.spec : '',
      typeof args.seed === 'number' ? args.seed : undefined,
    )
    return { rules: settings.faults.rules }
  },
  dropResponses: ({ settings }, args) => {
    settings.faults.dropResponses(str(args, 'operation'), Number(args.count ?? 1))
    return {}
  },
  latency: ({ settings }, args) => {
    settings.latencyMs = Number(args.ms ?? 0)
    return { latencyMs: settings.latencyMs }
  },
  pageSizeCap: ({ settings }, args) => {
    settings.pageSizeCap = args.value === undefined || args.value === null ? undefined : Number(args.value)
    return { pageSizeCap: settings.pageSizeCap }
  },
  /** `{ mode: 'aws' | 'off', rates?: { 'organizations:ListAccounts': { perSecond, burst } } }` */
  throttle: ({ settings }, args) => {
    if (args.mode !== undefined) settings.throttle.enabled = args.mode === 'aws'
    const rates = (args.rates ?? {}) as Record<string, { perSecond: number; burst: number }>
    for (const [key, rate] of Object.entries(rates)) settings.throttle.overrides.set(key, rate)
    settings.throttle.reset()
    return { enabled: settings.throttle.enabled }
  },
  advanceClock: ({ world }, args) => {
    world.clock.advance(Number(args.ms ?? 0))
    return { now: world.clock.date() }
  },
  clearCalls: ({ calls }) => {
    calls.clear()
    return {}
  },
  /** Creates an account immediately (no CreateAccount wait), in `parent` (id or OU path). */
  createAccount: ({ world }, args) => {
    const account = addAccount(world, {
      id: typeof args.accountId === 'string' ? args.accountId : nextAccountId(world),
      name: str(args, 'name'),
      parentId: resolveParent(world, args.parent as string | undefined),
      ...(typeof args.email === 'string' ? { email: args.email } : {}),
      ...(Array.isArray(args.optInRegions) ? { optInRegions: args.optInRegions as string[] } : {}),
      ...(Array.isArray(args.accessRoles) ? { accessRoles: args.accessRoles as string[] } : {}),
    })
    return { accountId: account.id }
  },
  createOu: ({ world }, args) => ({
    ouId: addOu(world, resolveParent(world, args.parent as string | undefined), str(args, 'name')).id,
  }),
  moveAccount: ({ world }, args) => {
    moveAccount(world, str(args, 'accountId'), resolveParent(world, str(args, 'parent')))
    return {}
  },
  suspendAccount: ({ world }, args) => {
    setAccountStatus(world, str(args, 'accountId'), 'SUSPENDED')
    return {}
  },
  /** `{ accountId, region, pending?: true }`: enabled now, or ENABLING for the usual simulated minutes. */
  enableRegion: ({ world }, args) => {
    const accountId = str(args, 'accountId')
    const region = str(args, 'region')
    if (args.pending)
      world.regionEnablements.set(`${accountId}/${region}`, world.clock.now() + ENABLE_REGION_MS)
    else world.accounts.get(accountId)?.optInRegions.add(region)
    return {}
  },
  disableRegion: ({ world }, args) => {
    world.accounts.get(str(args, 'accountId'))?.optInRegions.delete(str(args, 'region'))
    return {}
  },
  /** Drift: detaches a policy (by id or name) from a target, with AWS's own rules. */
  detachPolicy: ({ world }, args) => {
    detachPolicyFrom(world, findPolicy(world, args), resolveTarget(world, str(args, 'targetId')))
    return {}
  },
  /** Drift: someone edits a policy's content in the console. */
  setPolicyContent: ({ world }, args) => {
    findPolicy(world, args).content = str(args, 'content')
    return {}
  },
  deregisterDelegatedAdmin: ({ world }, args) => {
    deregisterDelegatedAdmin(world, str(args, 'accountId'), str(args, 'servicePrincipal'))
    return {}
  },
  disableTrustedAccess: ({ world }, args) => {
    world.trustedAccess.delete(str(args, 'servicePrincipal'))
    return {}
  },
  setRootCredentials: ({ world }, args) => {
    const account = world.accounts.get(str(args, 'accountId'))
    if (!account) throw new SandboxError('InvalidControl', `No account ${String(args.accountId)}`)
    for (const key of ['mfa', 'password', 'accessKeys'] as const) {
      if (typeof args[key] === 'boolean') account.root[key] = args[key]
    }
    return { root: account.root }
  },
  removeAccessRole: ({ world }, args) => {
    world.accounts.get(str(args, 'accountId'))?.accessRoles.delete(str(args, 'role'))
    return {}
  },
}

function resolveTarget(world: World, target: string): string {
  if (world.accounts.has(target) || world.ous.has(target) || target === world.rootId) return target
  return resolveParent(world, target)
}

export class Controls {
  constructor(
    private readonly env: ControlEnv,
    private readonly services: Record<string, SimulatedService>,
  ) {}

  call(service: string, name: string, args: Record<string, unknown> = {}): unknown {
    const own = this.services[service]?.controls?.[name] ?? resourceServiceControls[service]?.[name]
    if (own) return own(this.env.world, args)
    const framework = frameworkControls[name]
    if (framework) return framework(this.env, args)
    throw new SandboxError('InvalidControl', `No control "${name}" for service "${service}"`)
  }
}
