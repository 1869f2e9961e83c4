// The `config:` section of a sandbox seed: recorders (with their delivery channels) and aggregators that
// already exist when the sandbox starts, so demos and tests can begin from a partly configured organization.
//
// config:
//   recorders:
//     - account: Log Archive          # account id or name
//       regions: [us-east-1]          # or `region: us-east-1`
//       name: default                 # optional
//       roleARN: arn:aws:iam::…:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig  # optional
//       includeGlobalResourceTypes: true
//       deliveryBucket: config-bucket # optional: creates the delivery channel
//       recording: true               # optional: starts the recorder (needs deliveryBucket)
//   aggregators:
//     - account: Security Tooling
//       region: us-east-1
//       name: org-baseline
//       roleArn: arn:aws:iam::…:role/…
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { putAggregator } from './aggregators.ts'
import { putChannel, putRecorder, startNamedRecorder } from './recorders.ts'

interface RecorderSeed {
  account?: string
  region?: string
  regions?: string[]
  name?: string
  roleARN?: string
  includeGlobalResourceTypes?: boolean
  deliveryBucket?: string
  recording?: boolean
}

interface AggregatorSeed {
  account?: string
  region?: string
  name?: string
  roleArn?: string
  regions?: string[]
}

export function resolveSeedAccount(world: World, ref: unknown, section: string): string {
  const text = String(ref ?? '')
  if (world.accounts.has(text)) return text
  const byName = [...world.accounts.values()].find((a) => a.name === text)
  if (!byName) throw new SandboxError('SeedError', `${section}: no account with id or name '${text}'`)
  return byName.id
}

export function seedConfig(world: World, data: unknown): void {
  const section = (data ?? {}) as { recorders?: RecorderSeed[]; aggregators?: AggregatorSeed[] }
  for (const seed of section.recorders ?? []) {
    const account = resolveSeedAccount(world, seed.account, 'config.recorders')
    for (const region of seed.regions ?? [seed.region ?? 'us-east-1']) {
      const recorder = putRecorder(
        world,
        account,
        region,
        {
          name: seed.name ?? 'default',
          roleARN:
            seed.roleARN ??
            `arn:aws:iam::${account}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
          recordingGroup: {
            allSupported: true,
            includeGlobalResourceTypes: seed.includeGlobalResourceTypes === true,
          },
        },
        [],
        false,
      )
      if (seed.deliveryBucket)
        putChannel(world, account, region, { name: 'default', s3BucketName: seed.deliveryBucket }, false)
      if (seed.recording) startNamedRecorder(world, account, region, recorder.name)
    }
  }
  for (const seed of section.aggregators ?? []) {
    const account = resolveSeedAccount(world, seed.account, 'config.aggregators')
    putAggregator(world, account, seed.region ?? 'us-east-1', {
      ConfigurationAggregatorName: seed.name ?? 'org-baseline',
      OrganizationAggregationSource: {
        RoleArn: seed.roleArn ?? `arn:aws:iam::${account}:role/ConfigAggregatorRole`,
        ...(seed.regions ? { AwsRegions: seed.regions } : { AllAwsRegions: true }),
      },
    })
  }
}
