// startSandbox: a simulated AWS organization on 127.0.0.1 that the real AWS SDK clients talk to through
// endpoint override. See README.md in this folder for what it answers and how strictly.
import { fileURLToPath } from 'node:url'
import { CallLog } from './call-log.ts'
import { Clock } from './clock.ts'
import { Controls } from './controls.ts'
import { Faults } from './faults.ts'
import { generateOrganization } from './generate.ts'
import { buildWorld, readSeedFile } from './seed.ts'
import { listen, type SandboxSettings } from './server.ts'
import { services } from './services/index.ts'
import { issueRootCredentials } from './services/sts.ts'
import type { World } from './state.ts'
import { Throttle } from './throttle.ts'

export interface SandboxOptions {
  /** A seed file (YAML/JSON) or a seed object; default `config/sandbox.yaml`. */
  seed?: string | Record<string, unknown>
  /** Generate an organization of this many accounts instead of reading a seed. */
  accounts?: number
  /** Regions for the generated organization (opt-in ones get enabled in some accounts). */
  regions?: string[]
  /** Simulated seconds per real second; default 1000. */
  speed?: number
  /** Real milliseconds added to every answer; default 0. */
  latencyMs?: number
  throttle?: 'off' | 'aws'
  /** Fault spec, e.g. `throttle=0.2,5xx=0.05,conflict=0.2@AttachPolicy`. */
  faults?: string
  /** Seed of the fault PRNG; default 1. */
  faultSeed?: number
  pageSizeCap?: number
  port?: number
}

export interface SandboxCredentials {
  accessKeyId: string
  secretAccessKey: string
}

export interface Sandbox {
  endpoint: string
  region: string
  /** The management account's long-term credentials. */
  credentials: SandboxCredentials
  world: World
  control(service: string, name: string, args?: object): unknown
  calls: CallLog
  settings: SandboxSettings
  close(): Promise<void>
}

export const DEFAULT_SEED_FILE = fileURLToPath(new URL('../../config/sandbox.yaml', import.meta.url))

/** Fixed, obviously fake credentials for the management account (the sandbox verifies no signatures). */
export const MANAGEMENT_CREDENTIALS: SandboxCredentials = {
  accessKeyId: 'SANDBOXMANAGEMENTKEY',
  secretAccessKey: 'sandbox-secret-not-a-real-key',
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const clock = new Clock(options.speed ?? 1000)
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
  issueRootCredentials(
    world,
    world.managementAccountId,
    MANAGEMENT_CREDENTIALS.accessKeyId,
    MANAGEMENT_CREDENTIALS.secretAccessKey,
  )

  const settings: SandboxSettings = {
    latencyMs: options.latencyMs ?? 0,
    pageSizeCap: options.pageSizeCap,
    throttle: new Throttle(clock, options.throttle === 'aws'),
    faults: new Faults(options.faults ?? '', options.faultSeed ?? 1),
  }
  const calls = new CallLog()
  const controls = new Controls({ world, settings, calls }, services)
  const { server, endpoint } = await listen({ world, services, settings, calls, controls }, options.port ?? 0)

  return {
    endpoint,
    region: 'us-east-1',
    credentials: { ...MANAGEMENT_CREDENTIALS },
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
