// AWS Config (awsJson1_1, target prefix StarlingDoveService): recorders, delivery channels, aggregators,
// the retention configuration.
// Importing this module also registers Config's CloudFormation resource providers.
import type { World } from '../../state.ts'
import type { SimulatedService } from '../service.ts'
import { aggregatorOperations, deleteAggregator } from './aggregators.ts'
import { recorderOperations } from './recorders.ts'
import './resources.ts'
import { retentionOperations } from './retention.ts'
import { seedConfig } from './seed.ts'
import { configRegion, peekConfigRegion, stopRecorder } from './state.ts'

function target(args: Record<string, unknown>): { account: string; region: string } {
  const account = String(args.account ?? '')
  const region = String(args.region ?? 'us-east-1')
  return { account, region }
}

export const configService: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'config',
    protocol: 'awsJson1_1',
    targetPrefix: 'StarlingDoveService',
    operations: { ...recorderOperations, ...aggregatorOperations, ...retentionOperations },
  },
  seedKey: 'config',
  seed: seedConfig,
  controls: {
    /** Drift: the recorder stops recording (as if someone called StopConfigurationRecorder). */
    stopRecorder(world: World, args) {
      const { account, region } = target(args)
      const recorder = peekConfigRegion(world, account, region)?.recorder
      if (!recorder) return { stopped: false }
      stopRecorder(recorder, world.clock.date())
      return { stopped: true, name: recorder.name }
    },
    /** Drift: the recorder is deleted (its delivery channel stays, as it would in AWS). */
    deleteRecorder(world: World, args) {
      const { account, region } = target(args)
      const state = configRegion(world, account, region)
      const existed = state.recorder !== undefined
      state.recorder = undefined
      return { deleted: existed }
    },
    deleteAggregator(world: World, args) {
      const { account, region } = target(args)
      deleteAggregator(world, account, region, String(args.name ?? ''))
      return { deleted: true }
    },
    /** Read-only view for tests: the recorder, channel and aggregators of one account and region. */
    describe(world: World, args) {
      const { account, region } = target(args)
      const state = peekConfigRegion(world, account, region)
      return {
        recorder: state?.recorder && { ...state.recorder, tags: Object.fromEntries(state.recorder.tags) },
        channel: state?.channel,
        aggregators: [...(state?.aggregators.keys() ?? [])],
      }
    },
  },
}
