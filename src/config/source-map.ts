// Maps a path into the parsed config back to where it was written, so every error can say file:line:col.
import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter, type Node } from 'yaml'
import type { SourcePosition } from './errors.ts'

export type ConfigPath = readonly (string | number)[]

interface Found {
  /** How many leading segments of the path exist in the file. */
  depth: number
  /** The node at `path[0..depth]` (the whole document when depth is 0). */
  node: Node | null
  /** The key node of the last segment found, when that segment is a mapping key. */
  key: Node | null
}

function keyText(key: unknown): string {
  return isScalar(key) ? String(key.value) : String(key)
}

export class SourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    /** The config file as the user spelled it. */
    readonly file: string,
  ) {}

  private walk(path: ConfigPath): Found {
    let node = (this.doc.contents as Node | null) ?? null
    let key: Node | null = null
    let depth = 0
    for (const segment of path) {
      const container = isAlias(node) ? (node.resolve(this.doc) ?? null) : node
      if (isMap(container)) {
        const pair = container.items.find((item) => keyText(item.key) === String(segment))
        if (!pair) break
        key = (pair.key as Node | null) ?? null
        node = (pair.value as Node | null) ?? key
      } else if (isSeq(container) && typeof segment === 'number') {
        const item = container.items[segment] as Node | undefined
        if (!item) break
        key = null
        node = item
      } else {
        break
      }
      depth++
    }
    return { depth, node, key }
  }

  position(offset: number): SourcePosition {
    const { line, col } = this.lines.linePos(offset)
    return { file: this.file, line, col }
  }

  private nodePosition(node: Node | null): SourcePosition {
    return this.position(node?.range?.[0] ?? 0)
  }

  /** Whether the file spells out this path (a default filled in by the schema does not count). */
  has(path: ConfigPath): boolean {
    return this.walk(path).depth === path.length
  }

  /** Where the value at `path` is written, or where its nearest written ancestor is. */
  locate(path: ConfigPath): SourcePosition {
    return this.nodePosition(this.walk(path).node)
  }

  /** Where the key of the last path segment is written (for unknown keys); the value's position otherwise. */
  locateKey(path: ConfigPath): SourcePosition {
    const found = this.walk(path)
    if (found.depth === path.length && found.key) return this.nodePosition(found.key)
    return this.nodePosition(found.node)
  }
}
