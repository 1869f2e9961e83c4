// Amazon Inspector's own state, per region. Only what callers wrote is stored: the administrator, the
// organization's auto-enable history and accounts whose scan types or membership an API call changed.
// Accounts that joined the organization while auto-enable was on are derived when read (accounts.ts), so
// 5,000 accounts × 17 regions cost nothing until someone looks.
import type { World } from '../../state.ts'

/** Scan types as the Enable/Disable APIs name them (model enum ResourceScanType). */
export const SCAN_TYPES = ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE', 'CODE_REPOSITORY'] as const
export type ScanType = (typeof SCAN_TYPES)[number]

/** The same types as the AutoEnable / ResourceStatus structures name them. */
export const FIELD_OF: Record<ScanType, string> = {
  EC2: 'ec2',
  ECR: 'ecr',
  LAMBDA: 'lambda',
  LAMBDA_CODE: 'lambdaCode',
  CODE_REPOSITORY: 'codeRepository',
}

export interface AccountRecord {
  /** The administrator this account is associated with; undefined when standalone. */
  admin: string | undefined
  enabled: Set<ScanType>
  updatedAt: Date
}

/** One period during which auto-enable held a set of types, under one administrator. */
export interface AutoEnableEpoch {
  admin: string
  types: ReadonlySet<ScanType>
  from: number
  to: number | undefined
}

export interface RegionState {
  admin: { accountId: string; since: Date } | undefined
  autoEnable: Set<ScanType>
  history: AutoEnableEpoch[]
  accounts: Map<string, AccountRecord>
}

export const SLICE_KEY = 'inspector2'

export function regionState(world: World, region: string): RegionState {
  const regions = world.slice(SLICE_KEY, () => new Map<string, RegionState>())
  let rs = regions.get(region)
  if (!rs) {
    rs = { admin: undefined, autoEnable: new Set(), history: [], accounts: new Map() }
    regions.set(region, rs)
  }
  return rs
}

export function allRegionStates(world: World): Map<string, RegionState> {
  return world.slice(SLICE_KEY, () => new Map<string, RegionState>())
}

/** Records the new auto-enable set; the previous period ends now. */
export function setAutoEnable(rs: RegionState, admin: string, types: Set<ScanType>, now: number): void {
  const last = rs.history.at(-1)
  if (last && last.to === undefined) last.to = now
  rs.autoEnable = types
  if (types.size > 0) rs.history.push({ admin, types: new Set(types), from: now, to: undefined })
}
