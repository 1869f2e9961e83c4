/** A place in a file the user wrote; `file` is spelled as the user gave it, lines and columns are 1-based. */
export interface SourcePosition {
  file: string
  line: number
  col: number
}

/** One problem found in the config, at the position of the node that causes it. */
export interface ConfigIssue extends SourcePosition {
  /** Dotted path into the config, e.g. `guardDuty.features[2]`; empty for whole-file problems. */
  path: string
  message: string
}

export function formatIssue(issue: ConfigIssue): string {
  const where = `${issue.file}:${issue.line}:${issue.col}`
  return issue.path ? `${where}: ${issue.path}: ${issue.message}` : `${where}: ${issue.message}`
}

/** Orders issues by where they occur, so the user can fix them top to bottom. */
export function compareIssues(a: ConfigIssue, b: ConfigIssue): number {
  return a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.path.localeCompare(b.path)
}

/** The config cannot be used. Carries every issue found, not just the first. */
export class ConfigError extends Error {
  readonly code = 'CONFIG_INVALID'
  readonly issues: ConfigIssue[]

  constructor(issues: ConfigIssue[], options?: { cause?: unknown }) {
    const sorted = [...issues].sort(compareIssues)
    super(
      `${sorted.length} problem${sorted.length === 1 ? '' : 's'} in the config:\n${sorted.map(formatIssue).join('\n')}`,
      options,
    )
    this.name = 'ConfigError'
    this.issues = sorted
  }

  override toString(): string {
    return this.issues.map(formatIssue).join('\n')
  }
}

/** Formats a config path the way a reader writes it: `scps[1].targets[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`
    else out += out ? `.${String(segment)}` : String(segment)
  }
  return out
}
