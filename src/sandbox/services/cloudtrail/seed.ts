// The `cloudTrail:` section of a sandbox seed: trails that already exist when the sandbox starts.
//
// cloudTrail:
//   trails:
//     - account: Management          # account id or name (the owner; org trails belong to the management account)
//       region: us-east-1            # home region
//       name: legacy-trail
//       s3BucketName: legacy-bucket
//       isMultiRegionTrail: true     # optional, default false
//       isOrganizationTrail: false   # optional, default false (needs trusted access for cloudtrail.amazonaws.com)
//       logging: true                # optional, default true
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { createTrail, setLogging } from './trails.ts'

interface TrailSeed {
  account?: string
  region?: string
  name?: string
  s3BucketName?: string
  isMultiRegionTrail?: boolean
  isOrganizationTrail?: boolean
  logging?: boolean
}

function resolveAccount(world: World, ref: unknown): string {
  const text = String(ref ?? '')
  if (world.accounts.has(text)) return text
  const byName = [...world.accounts.values()].find((a) => a.name === text)
  if (!byName) throw new SandboxError('SeedError', `cloudTrail.trails: no account with id or name '${text}'`)
  return byName.id
}

export function seedCloudTrail(world: World, data: unknown): void {
  const section = (data ?? {}) as { trails?: TrailSeed[] }
  for (const seed of section.trails ?? []) {
    const account = resolveAccount(world, seed.account ?? world.managementAccountId)
    const trail = createTrail(
      { world, account, region: seed.region ?? 'us-east-1' },
      seed.name ?? 'seeded-trail',
      {
        s3BucketName: seed.s3BucketName ?? `cloudtrail-${account}`,
        isMultiRegionTrail: seed.isMultiRegionTrail === true,
        isOrganizationTrail: seed.isOrganizationTrail === true,
      },
      new Map(),
      false,
    )
    setLogging(world, trail, seed.logging !== false)
  }
}
