// Commercial (`aws` partition) regions, split by the 2019-03-20 launch-date rule (aws-facts §9).
// Default regions are enabled in every account and cannot be disabled; opt-in regions are off until enabled.

export const DEFAULT_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'ca-central-1',
  'sa-east-1',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-central-1',
  'eu-north-1',
  'ap-south-1',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ap-southeast-1',
  'ap-southeast-2',
] as const

export const OPT_IN_REGIONS = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
] as const

export const ALL_REGIONS = [...DEFAULT_REGIONS, ...OPT_IN_REGIONS] as const

export type DefaultRegion = (typeof DEFAULT_REGIONS)[number]
export type OptInRegion = (typeof OPT_IN_REGIONS)[number]
export type Region = (typeof ALL_REGIONS)[number]

const defaultSet: ReadonlySet<string> = new Set(DEFAULT_REGIONS)
const optInSet: ReadonlySet<string> = new Set(OPT_IN_REGIONS)

export function isRegion(name: string): name is Region {
  return defaultSet.has(name) || optInSet.has(name)
}

export function isDefaultRegion(name: string): name is DefaultRegion {
  return defaultSet.has(name)
}

export function isOptInRegion(name: string): name is OptInRegion {
  return optInSet.has(name)
}

/**
 * The regions a deployment covers when `regions.targets` is a list: the list minus `exclude`.
 * (With `targets: enabled` the answer depends on the live organization, so it is not computed here.)
 */
export function listedTargetRegions(targets: readonly string[], exclude: readonly string[]): string[] {
  const excluded = new Set(exclude)
  return targets.filter((region) => !excluded.has(region))
}
