// Where a group of changes acts, in words: "in 17 regions: ap-northeast-1 … us-west-2", "in 212 accounts
// of Workloads/Prod". Long lists are shortened to first … last with the count, except where every place
// must be named (destructive and drift changes are never hidden behind a count).
import type { Change } from '../change.ts'

/** Account names and OU paths, so places read as the organization does; ids alone when absent. */
export type Directory = ReadonlyMap<string, { name: string; path: string }>

export interface PlaceOptions {
  directory?: Directory
  /** Every region the plan acts in: a group covering most of them says which it leaves out. */
  allRegions?: ReadonlySet<string>
  /** Name every account and region (destructive and drift groups). */
  full?: boolean
  /** With `full`: name at most this many accounts, then say how many more (a size-capped comment). */
  maxNames?: number
}

const distinct = (values: (string | undefined)[]) =>
  [...new Set(values.filter((v): v is string => Boolean(v)))].sort()

const SHORT_LIST = 4

export const accountLabel = (id: string, directory?: Directory) => {
  const name = directory?.get(id)?.name
  return name ? `${name} (${id})` : id
}

function accountsPhrase(ids: string[], { directory, full, maxNames = Infinity }: PlaceOptions): string {
  if (ids.length === 1) return `account ${accountLabel(ids[0] as string, directory)}`
  if (full) {
    const named = ids.slice(0, maxNames).map((id) => accountLabel(id, directory))
    const more = ids.length > maxNames ? ` and ${ids.length - maxNames} more` : ''
    return `${ids.length} accounts: ${named.join(', ')}${more}`
  }
  const paths = distinct(ids.map((id) => directory?.get(id)?.path))
  if (directory && paths.length === 1) return `${ids.length} accounts of ${paths[0]}`
  if (directory && paths.length > 1) {
    const per = paths.map((p) => `${p} ${ids.filter((id) => directory.get(id)?.path === p).length}`)
    const shown = per.length > 3 ? [...per.slice(0, 3), `${per.length - 3} more OUs`] : per
    return `${ids.length} accounts in ${paths.length} OUs (${shown.join(', ')})`
  }
  return ids.length <= SHORT_LIST
    ? `${ids.length} accounts: ${ids.join(', ')}`
    : `${ids.length} accounts: ${ids[0]} … ${ids.at(-1)}`
}

function regionsPhrase(regions: string[], { allRegions, full }: PlaceOptions): string {
  if (regions.length === 1) return `region ${regions[0]}`
  if (full || regions.length <= SHORT_LIST) return `${regions.length} regions: ${regions.join(', ')}`
  const range = `${regions[0]} … ${regions.at(-1)}`
  const missing = allRegions ? [...allRegions].filter((r) => !regions.includes(r)).sort() : []
  if (allRegions && missing.length === 0) return `all ${regions.length} regions: ${range}`
  if (missing.length > 0 && missing.length <= 3)
    return `${regions.length} regions: all but ${missing.join(', ')}`
  return `${regions.length} regions: ${range}`
}

/** Where a group acts ("account …, 17 regions: …"), or '' when neither in an account nor in a region. */
export function describePlaces(changes: Change[], options: PlaceOptions = {}): string {
  const accounts = distinct(changes.map((c) => c.account))
  const regions = distinct(changes.map((c) => c.region))
  const parts = [
    accounts.length ? accountsPhrase(accounts, options) : '',
    regions.length ? regionsPhrase(regions, options) : '',
  ].filter(Boolean)
  if (parts.length === 0) return ''
  const crossProduct = accounts.length * regions.length === changes.length
  if (accounts.length > 1 && regions.length > 1)
    return crossProduct ? parts.join(' × ') : `${changes.length} places: ${parts.join('; ')}`
  return parts.join(', ')
}

/** The directory of an observed organization's accounts. */
export const directoryOf = (accounts: readonly { id: string; name: string; path: string }[]): Directory =>
  new Map(accounts.map((a) => [a.id, { name: a.name, path: a.path }]))

/** Every region the changes act in: what "all 17 regions" and "all but …" are measured against. */
export const regionsOf = (changes: readonly Change[]): ReadonlySet<string> =>
  new Set(changes.flatMap((c) => (c.region ? [c.region] : [])))
