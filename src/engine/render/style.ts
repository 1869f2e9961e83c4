// Colour for terminals only: never when stdout is not a TTY, never with NO_COLOR or --no-color.
import type { Action } from '../change.ts'

export interface Style {
  add: (s: string) => string
  change: (s: string) => string
  destroy: (s: string) => string
  dim: (s: string) => string
  bold: (s: string) => string
  warn: (s: string) => string
}

const wrap = (code: number, reset: number) => (s: string) => `\x1b[${code}m${s}\x1b[${reset}m`

export const colours: Style = {
  add: wrap(32, 39),
  change: wrap(33, 39),
  destroy: wrap(31, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  warn: wrap(33, 39),
}

const identity = (s: string) => s
export const plain: Style = {
  add: identity,
  change: identity,
  destroy: identity,
  dim: identity,
  bold: identity,
  warn: identity,
}

export function chooseStyle(stream: { isTTY?: boolean }, noColor: boolean): Style {
  const disabled = noColor || process.env.NO_COLOR !== undefined || !stream.isTTY
  return disabled ? plain : colours
}

export const SYMBOL: Record<Action, string> = { create: '+', update: '~', delete: '-' }
