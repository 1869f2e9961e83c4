// Protection plans GuardDuty does not offer in a region: a request that turns one on there is refused.
// Source: GuardDuty user guide, "Amazon GuardDuty Regions and endpoints" → "Region-specific feature
// availability": "RDS Protection is not supported in Asia Pacific (Taipei) (ap-east-2) Region." The answer's
// code is GuardDuty's usual BadRequestException (400); its message is crafted (AWS's text was not found).
import { badRequest } from './errors.ts'

/** Region → features (wire names) GuardDuty does not offer there. */
export const FEATURES_NOT_OFFERED: Readonly<Record<string, readonly string[]>> = {
  'ap-east-2': ['RDS_LOGIN_EVENTS'],
}

const TURNS_ON = new Set(['ENABLED', 'ALL', 'NEW'])

/** Refuses `features[]` (detector or organization shape) that turns on a feature not offered in `region`. */
export function refuseFeaturesNotOffered(region: string, features: unknown): void {
  const missing = FEATURES_NOT_OFFERED[region]
  if (!missing || !Array.isArray(features)) return
  for (const f of features as { name?: unknown; status?: unknown; autoEnable?: unknown }[]) {
    const name = String(f?.name ?? '')
    if (missing.includes(name) && (TURNS_ON.has(String(f.status)) || TURNS_ON.has(String(f.autoEnable)))) {
      throw badRequest(`The request is rejected because the feature ${name} is not supported in ${region}.`)
    }
  }
}
