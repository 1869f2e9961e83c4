// Coverage per OU and control: what the text summary prints and the HTML matrix's collapsed rows show.
// Cells of exempt, excluded and suspended accounts are counted apart: they are not gaps to close.
import { type StatusReport, statusAt } from './report.ts'

export interface Tally {
  covered: number
  /** Cells where the control should hold (everything except exempt, excluded, suspended). */
  applicable: number
  /** Cells that are missing or failed. */
  bad: number
}

export interface OuRow {
  ou: string
  accounts: number
  byControl: Record<string, Tally>
}

const NOT_APPLICABLE = new Set(['exempt', 'excluded', 'suspended'])

export function tallyByOu(report: StatusReport): OuRow[] {
  const rows = new Map<string, OuRow>()
  for (const account of report.accounts) {
    let row = rows.get(account.ou)
    if (!row) {
      row = { ou: account.ou, accounts: 0, byControl: {} }
      rows.set(account.ou, row)
    }
    row.accounts++
    for (const control of report.controls) {
      const tally = row.byControl[control.id] ?? { covered: 0, applicable: 0, bad: 0 }
      row.byControl[control.id] = tally
      const per = control.scope === 'region' ? report.regions.length : 1
      const cell = account.cells[control.id]
      for (let i = 0; i < per; i++) {
        const s = statusAt(cell, i)
        if (NOT_APPLICABLE.has(s)) continue
        tally.applicable++
        if (s === 'covered') tally.covered++
        if (s === 'missing' || s === 'failed') tally.bad++
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.ou.localeCompare(b.ou))
}
