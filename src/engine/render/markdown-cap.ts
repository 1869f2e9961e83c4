// GitHub refuses comments over 65,536 characters. The markdown plan is built in parts and cut at a hard
// cap, whole entries at a time, with a last line that says what was left out and how to see it.

export const MARKDOWN_LIMIT = 65_000

export interface Entry {
  /** The entry with its values. */
  full: string
  /** The entry without them (header, places, reason): used when the full one no longer fits. */
  brief: string
  /** How many changes it stands for. */
  changes: number
}

export interface Section {
  module: string
  head: string
  entries: Entry[]
  tail: string
}

export interface CutOptions {
  limit?: number
  /** The command that shows everything ("org-baseline plan --detail"). */
  seeAll: string
  /** How the cut line words what was left out; a plan's wording (values, changes) by default. */
  wording?: CutWording
}

export interface CutWording {
  /** What a brief entry leaves out, for the sections shown briefly. */
  briefed: (sections: string) => string
  /** What `Entry.changes` counts ("change(s)"); none when an entry is the unit. */
  unit?: string
  /** What still counts everything despite the cut. */
  summary: string
  /** How to see what was left out, when not by running `seeAll` (or `--format json`). */
  howToSee?: string
}

const PLAN_WORDING: CutWording = {
  briefed: (sections) => `values of ${sections} are not shown`,
  unit: 'change(s)',
  summary: 'The summary above counts every change.',
}

/**
 * `head`, then as many sections as fit — each in full, else with brief entries, else as many brief entries
 * as fit — then `footer`, then a line naming what was left out.
 */
export function fitMarkdown(head: string, sections: Section[], footer: string, options: CutOptions): string {
  const limit = options.limit ?? MARKDOWN_LIMIT
  const wording = options.wording ?? PLAN_WORDING
  // Room for the cut line, which names modules and counts.
  const reserve = 600 + sections.reduce((n, s) => n + s.module.length + 2, 0)
  let out = head
  const briefed: string[] = []
  let leftChanges = 0
  let leftEntries = 0
  const leftModules = new Set<string>()
  const room = () => limit - reserve - footer.length - out.length
  for (const section of sections) {
    const wrap = (entries: string[]) => `${section.head}${entries.join('')}${section.tail}`
    const full = wrap(section.entries.map((e) => e.full))
    if (full.length <= room()) {
      out += full
      continue
    }
    const brief = wrap(section.entries.map((e) => e.brief))
    // Entries whose brief form is the full one (table rows) lose nothing by it: not named as briefed.
    const shortened = section.entries.some((e) => e.brief !== e.full)
    if (brief.length <= room()) {
      out += brief
      if (shortened) briefed.push(section.module)
      continue
    }
    const taken: string[] = []
    let size = section.head.length + section.tail.length
    for (const entry of section.entries) {
      if (size + entry.brief.length <= room()) {
        taken.push(entry.brief)
        size += entry.brief.length
      } else {
        leftChanges += entry.changes
        leftEntries += 1
        leftModules.add(section.module)
      }
    }
    if (taken.length > 0) {
      out += wrap(taken)
      if (shortened) briefed.push(section.module)
    }
  }
  out += footer
  const cuts: string[] = []
  if (briefed.length > 0) cuts.push(wording.briefed(briefed.join(', ')))
  if (leftEntries > 0)
    cuts.push(
      `${leftEntries} entries${wording.unit ? ` (${leftChanges} ${wording.unit})` : ''} of ${[...leftModules].join(', ')} are left out`,
    )
  if (cuts.length === 0) return out
  return `${out}\n> ✂️ Cut to fit a pull-request comment (${limit.toLocaleString('en-US')} characters): ${cuts.join('; ')}. ${wording.summary} ${wording.howToSee ?? `Run \`${options.seeAll}\` (or \`--format json\`) to see them all.`}\n`
}
