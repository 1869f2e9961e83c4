// A plan's notes as a reviewer reads them: a note that several modules make is shown once naming them all,
// and notes of one module that differ only by a name ("SCP a exempts no role.", "SCP b exempts no role.")
// are one note naming the others. The JSON plan keeps every note as the modules made it.
import type { Note } from '../change.ts'

export interface ShownNote {
  level: Note['level']
  /** The modules that made it, in plan order. */
  modules: string[]
  message: string
  account?: string
  region?: string
}

const words = (message: string) => message.split(' ')

/** The one word position where `a` and `b` differ, or -1 when they differ in none or in more than one. */
function onlyDifference(a: string[], b: string[]): number {
  if (a.length !== b.length) return -1
  let found = -1
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) continue
    if (found >= 0) return -1
    found = i
  }
  return found
}

/** The punctuation a word ends with ("role." → "."): the names listed after it leave it off. */
const trailing = (word: string) => /[.,;:)]*$/.exec(word)?.[0] ?? ''

/** Notes of one module and place that differ in one word, folded into the first: "… The same for b, c." */
function foldByName(notes: Note[]): Note[] {
  const out: { note: Note; at: number; others: string[] }[] = []
  const samePlace = (a: Note, b: Note) =>
    a.module === b.module && a.level === b.level && a.account === b.account && a.region === b.region
  for (const note of notes) {
    const at = (o: { note: Note }) => onlyDifference(words(o.note.message), words(note.message))
    const home = out.find((o) => samePlace(o.note, note) && at(o) >= 0 && (o.at < 0 || o.at === at(o)))
    if (!home) {
      out.push({ note, at: -1, others: [] })
      continue
    }
    home.at = at(home)
    const word = words(note.message)[home.at] ?? ''
    home.others.push(word.slice(0, word.length - trailing(word).length))
  }
  return out.map(({ note, others }) => {
    if (others.length === 0) return note
    const joint = /[.!?]$/.test(note.message) ? ' The same for' : '; the same for'
    return { ...note, message: `${note.message}${joint} ${others.join(', ')}.` }
  })
}

/** The notes to show, in plan order. */
export function foldNotes(notes: Note[]): ShownNote[] {
  const shown = new Map<string, ShownNote>()
  for (const note of foldByName(notes)) {
    const key = JSON.stringify([note.level, note.message, note.account, note.region])
    const found = shown.get(key)
    if (found) {
      if (!found.modules.includes(note.module)) found.modules.push(note.module)
      continue
    }
    shown.set(key, {
      level: note.level,
      modules: [note.module],
      message: note.message,
      ...(note.account ? { account: note.account } : {}),
      ...(note.region ? { region: note.region } : {}),
    })
  }
  return [...shown.values()]
}

/** Notes in markdown take at most this share of a comment: the changes need the rest. */
export const NOTES_BUDGET = 16_000

/** As many rendered lines as fit `budget` characters (at most `max`), and how many were left out. */
export function linesWithin(
  lines: string[],
  budget = NOTES_BUDGET,
  max = 60,
): { shown: string[]; left: number } {
  const shown: string[] = []
  let size = 0
  for (const line of lines) {
    if (shown.length >= max || size + line.length + 1 > budget) break
    shown.push(line)
    size += line.length + 1
  }
  return { shown, left: lines.length - shown.length }
}
