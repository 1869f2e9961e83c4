// The status document: what the organization *is*, control by control, account by account, region by
// region, with the reason for every gap. Versioned JSON, so an auditor's saved copy stays readable.
//
// Compact on purpose (10,000 accounts × 17 regions × 7 controls is over a million cells): an account's
// cell for a control is one status when every region agrees, else one status per region in the order of
// `regions`; the reasons live once per distinct gap in `gaps`, naming the accounts and regions they cover.

export const STATUS_FORMAT = 'org-baseline-status'
export const STATUS_VERSION = 1

/** Why a cell is what it is. `covered` is the only good one; `exempt` means AWS does not apply it there. */
export const STATUSES = [
  'covered',
  'pending',
  'missing',
  'failed',
  'suspended',
  'excluded',
  'region-off',
  'exempt',
  'unknown',
] as const
export type Status = (typeof STATUSES)[number]

export interface ControlInfo {
  id: string
  label: string
  /** `account`: one value per account (SCPs, root credentials); `region`: one per account and region. */
  scope: 'account' | 'region'
  /** How the tool knows, for the reader: which reads answered. */
  source: string
}

/** One status for every region, or one per region in the order of `StatusReport.regions`. */
export type Cell = Status | Status[]

export interface AccountRow {
  id: string
  name: string
  /** OU path, `Root` for accounts directly under the root. */
  ou: string
  /** Organizations status: ACTIVE, SUSPENDED, … */
  state: string
  management: boolean
  cells: Record<string, Cell>
}

export interface Gap {
  control: string
  status: Status
  reason: string
  /** Regions it concerns; empty for account-scoped controls. */
  regions: string[]
  accounts: string[]
}

export type Verdict = 'pass' | 'fail' | 'warn' | 'unknown'

export interface ChecklistItem {
  id: string
  title: string
  verdict: Verdict
  evidence: string[]
}

/** A stack instance that a read showed is not current, as ListStackInstances described it. */
export interface StackInstanceRow {
  account: string
  region: string
  /** CURRENT | OUTDATED | INOPERABLE */
  status: string
  /** PENDING | RUNNING | SUCCEEDED | FAILED | CANCELLED | INOPERABLE | SKIPPED_SUSPENDED_ACCOUNT … */
  detailedStatus?: string
  drift?: string
  reason?: string
}

/** One stack set's instances: how many were read, each one that is not current, and what was not read. */
export interface InstanceReads {
  stackSet: string
  read: number
  notCurrent: StackInstanceRow[]
  /** Account-regions the stack set should have an instance in that no read answered for, and why. */
  notRead: { accounts: string[]; regions: string[]; reason: string }[]
}

export type Counts = Record<string, Partial<Record<Status, number>>>

export interface StatusReport {
  format: typeof STATUS_FORMAT
  version: typeof STATUS_VERSION
  createdAt: string
  config: string
  organization: { id: string; managementAccountId: string }
  regions: string[]
  controls: ControlInfo[]
  accounts: AccountRow[]
  gaps: Gap[]
  checklist: ChecklistItem[]
  /** Control → status → cells (account × region, or accounts for account-scoped controls). */
  counts: Counts
  /** Stack sets' instances as read (absent in reports made before they were read one by one). */
  instances?: InstanceReads[]
  /** Modules whose reads failed: their cells are `unknown`, never guessed. */
  errors: { module: string; message: string }[]
}

/** The status of `cell` in the region at `index` of the report's regions. */
export const statusAt = (cell: Cell | undefined, index: number): Status =>
  cell === undefined ? 'unknown' : typeof cell === 'string' ? cell : (cell[index] ?? 'unknown')

export function countCells(report: Pick<StatusReport, 'controls' | 'accounts' | 'regions'>): Counts {
  const counts: Counts = {}
  for (const control of report.controls) {
    const tally: Partial<Record<Status, number>> = {}
    const per = control.scope === 'region' ? report.regions.length : 1
    for (const account of report.accounts) {
      const cell = account.cells[control.id]
      for (let i = 0; i < per; i++) {
        const s = statusAt(cell, i)
        tally[s] = (tally[s] ?? 0) + 1
      }
    }
    counts[control.id] = tally
  }
  return counts
}
