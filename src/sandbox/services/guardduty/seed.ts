// The `guardduty:` section of a seed file: an organization that already has GuardDuty set up.
//   guardduty:
//     admin: '222222222222'          # delegated administrator (designated in every listed region)
//     regions: [us-east-1, eu-west-1] # default: every default (non-opt-in) region
//     autoEnable: ALL                # ALL | NEW | NONE
//     features: { S3_DATA_EVENTS: ALL, RUNTIME_MONITORING: NONE }
import { EVENTUAL } from '../../consistency.ts'
import { SeedError } from '../../seed.ts'
import { DEFAULT_REGIONS, type World } from '../../state.ts'
import { enableAdmin, SERVICE_PRINCIPAL } from './admin.ts'
import { ORG_FEATURES, parseAutoEnable } from './features.ts'
import { featuresFromOrganization, newDetectorId } from './membership.ts'
import { setFeature } from './organization-configuration.ts'
import { regionState, setAutoEnable } from './state.ts'

export interface GuardDutySeed {
  admin?: string
  regions?: string[]
  autoEnable?: string
  features?: Record<string, string>
}

export function seedGuardDuty(world: World, data: unknown): void {
  if (!data || typeof data !== 'object') return
  const seed = data as GuardDutySeed
  if (!seed.admin) return
  const admin = String(seed.admin)
  if (!world.accounts.has(admin))
    throw new SeedError(`guardduty.admin ${admin} is not an account of the organization`)
  world.trustedAccess.set(SERVICE_PRINCIPAL, world.clock.date())
  for (const region of seed.regions ?? DEFAULT_REGIONS) {
    enableAdmin(world, region, admin)
    const rs = regionState(world, region)
    for (const [name, value] of Object.entries(seed.features ?? {})) {
      if (!(ORG_FEATURES as readonly string[]).includes(name))
        throw new SeedError(`guardduty.features: unknown ${name}`)
      setFeature(rs, name, parseAutoEnable(value), world.clock.now())
    }
    const at = world.clock.date()
    rs.detectors.set(admin, {
      id: newDetectorId(`${admin}:${region}:seed`),
      createdAt: at,
      updatedAt: at,
      status: 'ENABLED',
      findingPublishingFrequency: 'SIX_HOURS',
      features: featuresFromOrganization(rs, at),
      tags: {},
    })
    // A seeded organization was set up before the sandbox started: its auto-enable is dated the longest
    // delay AWS names back, so (eventual mode) it has reached every existing member, as seeded trusted access
    // is visible at once.
    const settled = world.clock.now() - EVENTUAL.guardDutyExistingMembers[1]
    if (seed.autoEnable) setAutoEnable(rs, admin, parseAutoEnable(seed.autoEnable), settled)
  }
}
