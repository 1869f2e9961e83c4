// What the config asks of Inspector, made explicit per region: every scan type the config can name is on
// or off (off means off), left out where Inspector does not offer it. Turning the module off asks for every
// type off.
import { INSPECTOR_SCAN_TYPES, type InspectorScanType, type OrgConfig } from '../../config/schema.ts'
import type { AutoEnableState } from './observed.ts'
import { isOffered } from './regional-features.ts'

/** The scan types that must be on in `region` (none when the module is off). */
export function wantedTypes(config: OrgConfig['inspector'], region: string): InspectorScanType[] {
  if (!config.enabled) return []
  return INSPECTOR_SCAN_TYPES.filter((t) => config.scanTypes.includes(t) && isOffered(t, region))
}

/** The types that must be off in `region`: every offered type not wanted. */
export function unwantedTypes(config: OrgConfig['inspector'], region: string): InspectorScanType[] {
  const wanted = wantedTypes(config, region)
  return INSPECTOR_SCAN_TYPES.filter((t) => isOffered(t, region) && !wanted.includes(t))
}

export function desiredAutoEnable(config: OrgConfig['inspector'], region: string): AutoEnableState {
  const wanted = wantedTypes(config, region)
  return Object.fromEntries(
    INSPECTOR_SCAN_TYPES.filter((t) => isOffered(t, region)).map((t) => [t, wanted.includes(t)]),
  )
}

/** The observed auto-enable in the shape of `like`, so the two compare key for key. */
export const projectAutoEnable = (observed: AutoEnableState, like: AutoEnableState): AutoEnableState =>
  Object.fromEntries(Object.keys(like).map((t) => [t, observed[t as InspectorScanType] ?? false]))

/** AutoEnable's wire field of each type. */
export const AUTO_ENABLE_FIELD: Record<InspectorScanType, 'ec2' | 'ecr' | 'lambda' | 'lambdaCode'> = {
  EC2: 'ec2',
  ECR: 'ecr',
  LAMBDA: 'lambda',
  LAMBDA_CODE: 'lambdaCode',
}
