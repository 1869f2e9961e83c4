// Scan types Amazon Inspector does not offer in a region: a request that turns one on there is refused with
// ValidationException (message crafted). Same table as src/modules/inspector/regional-features.ts, which
// names its source and how far it is verified (the sandbox imports nothing from the tool).
import type { ScanType } from './state.ts'

export const TYPES_NOT_OFFERED: Readonly<Record<string, readonly ScanType[]>> = {
  'ap-east-2': ['LAMBDA_CODE'],
  'ap-southeast-6': ['LAMBDA_CODE'],
  'ap-southeast-7': ['LAMBDA_CODE'],
  'mx-central-1': ['LAMBDA_CODE'],
}

export const isOffered = (type: ScanType, region: string): boolean =>
  !(TYPES_NOT_OFFERED[region] ?? []).includes(type)
