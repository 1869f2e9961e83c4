// Collects cells as they are decided and turns them into the compact report form: one status per account
// and control when every region agrees, and each distinct (control, status, reason) once with the
// accounts and regions it covers.
import type { AccountRow, Cell, Gap, Status } from './report.ts'

interface GapEntry {
  control: string
  status: Status
  reason: string
  /** Account → region indexes (empty for account-scoped controls). */
  where: Map<string, number[]>
}

export class Grid {
  private readonly cells = new Map<string, Status[]>()
  private readonly gaps = new Map<string, GapEntry>()

  constructor(private readonly regions: string[]) {}

  /** Sets one cell; `region` is an index into the regions, or undefined for an account-scoped control. */
  set(account: string, control: string, region: number | undefined, status: Status, reason?: string): void {
    const key = `${account}|${control}`
    let row = this.cells.get(key)
    if (!row) {
      row = []
      this.cells.set(key, row)
    }
    row[region ?? 0] = status
    if (status === 'covered' || reason === undefined) return
    const gapKey = `${control}|${status}|${reason}`
    let gap = this.gaps.get(gapKey)
    if (!gap) {
      gap = { control, status, reason, where: new Map() }
      this.gaps.set(gapKey, gap)
    }
    const at = gap.where.get(account) ?? []
    if (region !== undefined) at.push(region)
    gap.where.set(account, at)
  }

  cell(account: string, control: string, perRegion: boolean): Cell {
    const row = this.cells.get(`${account}|${control}`) ?? []
    if (!perRegion) return row[0] ?? 'unknown'
    const all = this.regions.map((_, i) => row[i] ?? 'unknown')
    return all.every((s) => s === all[0]) ? (all[0] ?? 'unknown') : all
  }

  fill(rows: Omit<AccountRow, 'cells'>[], controls: { id: string; scope: string }[]): AccountRow[] {
    return rows.map((row) => ({
      ...row,
      cells: Object.fromEntries(controls.map((c) => [c.id, this.cell(row.id, c.id, c.scope === 'region')])),
    }))
  }

  /** Gaps, each split by the set of regions it concerns, so one entry names accounts sharing the same regions. */
  gapList(): Gap[] {
    const out: Gap[] = []
    for (const gap of this.gaps.values()) {
      const byRegions = new Map<string, string[]>()
      for (const [account, indexes] of gap.where) {
        const key = [...new Set(indexes)].sort((a, b) => a - b).join(',')
        byRegions.set(key, [...(byRegions.get(key) ?? []), account])
      }
      for (const [key, accounts] of byRegions) {
        const regions = key === '' ? [] : key.split(',').map((i) => this.regions[Number(i)] ?? '')
        out.push({ control: gap.control, status: gap.status, reason: gap.reason, regions, accounts })
      }
    }
    return out.sort(
      (a, b) =>
        a.control.localeCompare(b.control) ||
        b.accounts.length - a.accounts.length ||
        a.reason.localeCompare(b.reason),
    )
  }
}
