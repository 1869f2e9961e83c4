// Shared by the status suites: the cells of a report that no gap explains.
import { type StatusReport, statusAt } from '../../src/status/report.ts'

/** Every cell that is not covered must be named by a gap, which carries the reason. */
export function unexplainedCells(report: StatusReport): string[] {
  const explained = new Set<string>()
  for (const gap of report.gaps) {
    for (const account of gap.accounts) {
      if (gap.regions.length === 0) explained.add(`${account}|${gap.control}|`)
      for (const region of gap.regions) explained.add(`${account}|${gap.control}|${region}`)
    }
  }
  const missing: string[] = []
  for (const account of report.accounts) {
    for (const control of report.controls) {
      const regions = control.scope === 'region' ? report.regions : ['']
      regions.forEach((region, i) => {
        const status = statusAt(account.cells[control.id], i)
        const key = `${account.id}|${control.id}|${region}`
        if (status !== 'covered' && !explained.has(key)) missing.push(`${key} ${status}`)
      })
    }
  }
  return missing
}
