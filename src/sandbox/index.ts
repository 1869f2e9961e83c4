// startSandbox: a simulated AWS organization on 127.0.0.1 that the real AWS SDK clients talk to through
// endpoint override. See README.md in this folder for what it answers and how strictly.
import { packagePath } from '../config/package-paths.ts'
import { CallLog } from './call-log.ts'
import { Clock } from './clock.ts'
import { Consistency, type ConsistencyMode } from './consistency.ts'
import { Controls } from './controls.ts'
import { Faults } from './faults.ts'
import { generateOrganization } from './generate.ts'
import { buildWorld, readSeedFile } from './seed.ts'
import { listen, type SandboxSettings } from './server.ts'
import { cfnState } from './services/cloudformation/state.ts'
import { ADMINISTRATOR_ACCESS } from './services/iam-roles/managed-policies.ts'
import { findRole, putRole, trustAccount } from './services/iam-roles/store.ts'
import { services } from './services/index.ts'
import { issueRoleSession, issueRootCredentials } from './services/sts.ts'
import { servicesOff } from './services-off.ts'
import type { World } from './state.ts'
import { Throttle } from './throttle.ts'
import type { TimingProfile } from './timing/index.ts'
import { VirtualTime } from './timing/virtual-time.ts'

export interface SandboxOptions {
  /** A seed file (YAML/JSON) or a seed object; default `config/sandbox.yaml`. */
  seed?: string | Record<string, unknown>
  /** Generate an organization of this many accounts instead of reading a seed. */
  accounts?: number
  /** Regions for the generated organization (opt-in ones get enabled in some accounts). */
  regions?: string[]
  /** Simulated seconds per real second; default 1000 (ignored by the `aws` timing profile). */
  speed?: number
  /**
   * `aws`: runs take AWS's time — per-call latency, stack instance durations by template, StackSets quotas,
   * and `throttle: 'aws'` unless throttle is given — on a clock that skips waits (README, "Timing profile").
   */
  timing?: TimingProfile
  /** Real milliseconds added to every answer; default 0. */
  latencyMs?: number
  throttle?: 'off' | 'aws'
  /** Fault spec, e.g. `throttle=0.2,5xx=0.05,conflict=0.2@AttachPolicy`. */
  faults?: string
  /** Seed of the fault PRNG; default 1. */
  faultSeed?: number
  /** `eventual`: AWS's eventual consistency and asynchronous settings (README, "Eventual consistency"). */
  consistency?: ConsistencyMode
  /** Seed of the consistency PRNG; default `faultSeed`, else 1. */
  consistencySeed?: number
  pageSizeCap?: number
  port?: number
  /** Services to switch off, by registry name, e.g. `{ securityhub: false }`: they answer 404 (services-off.ts). */
  services?: Record<string, boolean>
}

export interface SandboxCredentials {
  accessKeyId: string
  secretAccessKey: string
  sessionToken?: string
}

export interface Sandbox {
  endpoint: string
  region: string
  /**
   * A session of the management account's role `org-baseline` (AdministratorAccess unless the seed or a
   * control says otherwise); it never expires. Root cannot assume roles, so the tool runs as this role.
   */
  credentials: SandboxCredentials
  /** The management account's root user (long-term keys), for tests that act as root. */
  rootCredentials: SandboxCredentials
  world: World
  control(service: string, name: string, args?: object): unknown
  calls: CallLog
  settings: SandboxSettings
  close(): Promise<void>
}

export const DEFAULT_SEED_FILE = packagePath('config/sandbox.yaml')

/** Fixed, obviously fake keys of the management account's root user (the sandbox verifies no signatures). */
export const MANAGEMENT_ROOT_CREDENTIALS: SandboxCredentials = {
  accessKeyId: 'SANDBOXMANAGEMENTKEY',
  secretAccessKey: 'sandbox-secret-not-a-real-key',
}

/** The role the tool runs as in the management account (config `access.toolRoleName`'s default). */
export const TOOL_ROLE_NAME = 'org-baseline'
/** The session name of the default credentials: `arn:aws:sts::<management>:assumed-role/org-baseline/sandbox`. */
export const TOOL_SESSION_NAME = 'sandbox'

/** Fixed, obviously fake keys of the default session (a role session: key, secret and token). */
export const TOOL_ROLE_CREDENTIALS: Required<SandboxCredentials> = {
  accessKeyId: 'ASIASANDBOXTOOLROLE0',
  secretAccessKey: 'sandbox-secret-not-a-real-key',
  sessionToken: 'sandbox-session-token-not-a-real-token',
}

/** The management account's `org-baseline` role, unless the seed made one; its session never expires. */
function issueToolSession(world: World): void {
  const account = world.managementAccountId
  const role =
    findRole(world, account, TOOL_ROLE_NAME) ??
    putRole(world, {
      account,
      name: TOOL_ROLE_NAME,
      trustPolicy: trustAccount(account),
      description: 'The role org-baseline runs as (the sandbox default credentials are a session of it)',
      attached: [ADMINISTRATOR_ACCESS],
    })
  issueRoleSession(world, role, { sessionName: TOOL_SESSION_NAME, keys: TOOL_ROLE_CREDENTIALS })
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const aws = options.timing === 'aws'
  // Under the aws profile the clock runs at real speed and jumps over waits (timing/virtual-time.ts).
  const clock = new Clock(aws ? 1 : (options.speed ?? 1000))
  const seed =
    options.accounts !== undefined
      ? {
          organization: generateOrganization(
            options.accounts,
            options.regions ? { regions: options.regions } : {},
          ),
        }
      : typeof options.seed === 'object'
        ? options.seed
        : readSeedFile(options.seed ?? DEFAULT_SEED_FILE)
  const world = buildWorld(seed, clock, services)
  world.consistency = new Consistency(
    options.consistency ?? 'strong',
    options.consistencySeed ?? options.faultSeed ?? 1,
  )
  issueRootCredentials(
    world,
    world.managementAccountId,
    MANAGEMENT_ROOT_CREDENTIALS.accessKeyId,
    MANAGEMENT_ROOT_CREDENTIALS.secretAccessKey,
  )
  issueToolSession(world)

  const settings: SandboxSettings = {
    latencyMs: options.latencyMs ?? 0,
    pageSizeCap: options.pageSizeCap,
    throttle: new Throttle(clock, (options.throttle ?? (aws ? 'aws' : 'off')) === 'aws'),
    faults: new Faults(options.faults ?? '', options.faultSeed ?? 1),
    servicesOff: servicesOff(options.services, services),
    ...(aws ? { virtualTime: new VirtualTime(clock) } : {}),
  }
  if (aws) cfnState(world).durationModel = 'aws'
  const calls = new CallLog()
  const controls = new Controls({ world, settings, calls }, services)
  const { server, endpoint } = await listen({ world, services, settings, calls, controls }, options.port ?? 0)

  return {
    endpoint,
    region: 'us-east-1',
    credentials: { ...TOOL_ROLE_CREDENTIALS },
    rootCredentials: { ...MANAGEMENT_ROOT_CREDENTIALS },
    world,
    calls,
    settings,
    control: (service, name, args = {}) => controls.call(service, name, args as Record<string, unknown>),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      }),
  }
}
