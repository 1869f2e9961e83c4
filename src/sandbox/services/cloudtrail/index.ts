// CloudTrail (awsJson1_1): trails, event selectors, CloudTrail Lake event data stores, tags. Importing this
// module also registers its CloudFormation resource providers.
import type { World } from '../../state.ts'
import type { SimulatedService } from '../service.ts'
import { eventDataStoreOperations, trailOperations } from './operations.ts'
import './resources.ts'
import { emitEventControl } from './controls.ts'
import { seedCloudTrail } from './seed.ts'
import { ownedTrails, type Trail } from './state.ts'
import { removeTrail, setLogging } from './trails.ts'

/** The trail a control names: by owner account (default: the management account), home region and name. */
function controlTarget(world: World, args: Record<string, unknown>): Trail | undefined {
  const account = String(args.account ?? world.managementAccountId)
  const region = String(args.region ?? 'us-east-1')
  return ownedTrails(world, account).find((t) => t.name === args.name && t.homeRegion === region)
}

export const cloudTrail: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'cloudtrail',
    protocol: 'awsJson1_1',
    // The model's target is com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101, but the JS SDK v3
    // (schema-based clients) sends its short service target: `X-Amz-Target: CloudTrail_20131101.<Op>`.
    targetPrefix: 'CloudTrail_20131101',
    operations: { ...trailOperations, ...eventDataStoreOperations },
  },
  seedKey: 'cloudTrail',
  seed: seedCloudTrail,
  controls: {
    /** Root activity reaching EventBridge where it happens (see controls.ts). */
    emitEvent: emitEventControl,
    /** Drift: someone stopped the trail's logging. */
    stopLogging(world: World, args) {
      const trail = controlTarget(world, args)
      if (!trail) return { stopped: false }
      setLogging(world, trail, false)
      return { stopped: true, arn: trail.arn }
    },
    /** Drift: someone deleted the trail. */
    deleteTrail(world: World, args) {
      const trail = controlTarget(world, args)
      if (!trail) return { deleted: false }
      removeTrail(world, trail)
      return { deleted: true, arn: trail.arn }
    },
  },
}
