// The `securityHub:` section of a seed file: an organization that already has Security Hub set up.
//   securityHub:
//     admin: '222222222222'            # delegated administrator, designated in every listed region
//     regions: [us-east-1, eu-west-1]  # default: every default (non-opt-in) region; the admin's hub is on there
//     aggregator: { homeRegion: us-east-1, mode: ALL_REGIONS, regions: [] }
//     central: true                    # central configuration ENABLED (needs the aggregator)
import { SeedError } from '../../seed.ts'
import { DEFAULT_REGIONS, type World } from '../../state.ts'
import { enableAdmin } from './admin.ts'
import { newHub } from './hub.ts'
import { DURATIONS, hubKey, type RegionLinkingMode, securityHubState } from './state.ts'

export interface SecurityHubSeed {
  admin?: string
  regions?: string[]
  aggregator?: { homeRegion: string; mode?: RegionLinkingMode; regions?: string[] }
  central?: boolean
}

export function seedSecurityHub(world: World, data: unknown): void {
  if (!data || typeof data !== 'object') return
  const seed = data as SecurityHubSeed
  if (!seed.admin) return
  const admin = String(seed.admin)
  if (!world.accounts.has(admin))
    throw new SeedError(`securityHub.admin ${admin} is not an account of the organization`)
  const state = securityHubState(world)
  for (const region of seed.regions ?? DEFAULT_REGIONS) {
    enableAdmin(world, region, admin)
    state.hubs.set(hubKey(admin, region), newHub(world, admin, region, true))
  }
  if (seed.aggregator) {
    const home = seed.aggregator.homeRegion
    state.aggregators.set(admin, {
      arn: `arn:aws:securityhub:${home}:${admin}:finding-aggregator/${world.nextId(8)}-seed-0000-0000-000000000000`,
      account: admin,
      homeRegion: home,
      mode: seed.aggregator.mode ?? 'ALL_REGIONS',
      regions: seed.aggregator.regions ?? [],
    })
    if (seed.central) {
      // Already settled: requested long enough ago to read as ENABLED.
      state.central = {
        admin,
        homeRegion: home,
        requestedAt: world.clock.now() - DURATIONS.centralConfigurationMs,
      }
    }
  } else if (seed.central) {
    throw new SeedError('securityHub.central needs securityHub.aggregator')
  }
}
