// Turns a request-model table into one checking function per shape, built once, so a request costs a walk
// over the members it carries and nothing else. The rules are Coral's (AWS's service framework): a required
// member must be present; strings, lists, maps and blobs have lengths; numbers have ranges; patterns match the
// whole value; enums list the values. Every violation is reported, in member order.
import type {
  ListShape,
  MapShape,
  Member,
  ServiceModel,
  Shape,
  StringShape,
  StructureShape,
} from '../model/types.ts'
import type { Violation } from './violation.ts'

/** Checks `value` (present, not null) found at `path`; pushes what it breaks. */
export type Check = (value: unknown, path: string, wire: string, out: Violation[]) => void

export interface CompileOptions {
  /** awsQuery and REST labels/query strings: scalars arrive as strings, an empty list as ''. */
  stringly: boolean
  /** restJson1: members travel under their wire (jsonName) names in bodies. */
  wireNames: boolean
}

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1)

export function memberShape(member: Member): string {
  return typeof member === 'string' ? member : member.shape
}

export function memberWire(name: string, member: Member): string {
  return typeof member === 'string' ? name : (member.wire ?? name)
}

export class ShapeCompiler {
  private readonly checks = new Map<string, Check>()

  constructor(
    private readonly model: ServiceModel,
    private readonly options: CompileOptions,
  ) {}

  check(shapeName: string): Check {
    const known = this.checks.get(shapeName)
    if (known) return known
    // A thunk first, so recursive shapes compile.
    let compiled: Check | undefined
    this.checks.set(shapeName, (value, path, wire, out) => compiled?.(value, path, wire, out))
    const shape = this.model.shapes[shapeName]
    if (!shape) throw new Error(`request model has no shape ${shapeName}`)
    compiled = this.compile(shape)
    this.checks.set(shapeName, compiled)
    return compiled
  }

  private compile(shape: Shape): Check {
    switch (shape.type) {
      case 'structure':
        return this.structure(shape)
      case 'list':
        return this.list(shape)
      case 'map':
        return this.map(shape)
      case 'string':
        return stringCheck(shape)
      case 'integer':
      case 'long':
      case 'double':
      case 'float':
        return numberCheck(shape.type, shape.min, shape.max, this.options.stringly)
      case 'boolean':
        return booleanCheck(this.options.stringly)
      case 'timestamp':
        return () => {}
      case 'blob':
        return lengthCheck(shape.min, shape.max, (v) => (typeof v === 'string' ? v.length : undefined))
    }
  }

  private structure(shape: StructureShape): Check {
    const required = new Set(shape.required ?? [])
    const members = Object.entries(shape.members).map(([name, member]) => {
      const wire = memberWire(name, member)
      return {
        key: this.options.wireNames ? wire : name,
        wire,
        pathName: lowerFirst(name),
        required: required.has(name),
        check: this.check(memberShape(member)),
      }
    })
    return (value, path, _wire, out) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(typeViolation(value, path, _wire, 'structure'))
        return
      }
      const record = value as Record<string, unknown>
      for (const member of members) {
        const child = record[member.key]
        const childPath = path ? `${path}.${member.pathName}` : member.pathName
        if (child === undefined || child === null) {
          if (member.required) {
            out.push({
              kind: 'required',
              path: childPath,
              wire: member.wire,
              value: null,
              constraint: 'Member must not be null',
            })
          }
          continue
        }
        member.check(child, childPath, member.wire, out)
      }
    }
  }

  private list(shape: ListShape): Check {
    const lengths = lengthCheck(shape.min, shape.max, (v) => (Array.isArray(v) ? v.length : undefined))
    const item = this.check(shape.member)
    const itemIsStructure = this.model.shapes[shape.member]?.type === 'structure'
    const stringly = this.options.stringly
    return (value, path, wire, out) => {
      const list = stringly && value === '' ? [] : value
      if (!Array.isArray(list)) {
        out.push(typeViolation(value, path, wire, 'list'))
        return
      }
      lengths(list, path, wire, out)
      if (itemIsStructure) {
        list.forEach((entry, i) => {
          const entryPath = `${path}.${i + 1}.member`
          if (entry === null || entry === undefined) {
            out.push({
              kind: 'required',
              path: entryPath,
              wire,
              value: null,
              constraint: 'Member must not be null',
            })
          } else item(entry, entryPath, wire, out)
        })
        return
      }
      // Scalars: Coral reports the list once, with every constraint its items broke.
      const broken = new Set<string>()
      for (const entry of list) {
        const found: Violation[] = []
        if (entry === null || entry === undefined) broken.add('Member must not be null')
        else item(entry, path, wire, found)
        for (const v of found) broken.add(v.constraint)
      }
      if (broken.size > 0) {
        out.push({
          kind: 'list-member',
          path,
          wire,
          value: list,
          constraint: `Member must satisfy constraint: [${[...broken].join(', ')}]`,
        })
      }
    }
  }

  private map(shape: MapShape): Check {
    const lengths = lengthCheck(shape.min, shape.max, (v) =>
      v && typeof v === 'object' && !Array.isArray(v) ? Object.keys(v).length : undefined,
    )
    const key = this.check(shape.key)
    const item = this.check(shape.value)
    const valueIsScalar = !['structure', 'list', 'map'].includes(this.model.shapes[shape.value]?.type ?? '')
    return (value, path, wire, out) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        out.push(typeViolation(value, path, wire, 'map'))
        return
      }
      lengths(value, path, wire, out)
      const keyBroken = new Set<string>()
      const valueBroken = new Set<string>()
      for (const [k, v] of Object.entries(value)) {
        const found: Violation[] = []
        key(k, path, wire, found)
        for (const f of found) keyBroken.add(f.constraint)
        if (valueIsScalar) {
          const foundValue: Violation[] = []
          if (v !== null && v !== undefined) item(v, path, wire, foundValue)
          for (const f of foundValue) valueBroken.add(f.constraint)
        } else if (v !== null && v !== undefined) item(v, `${path}.${k}`, wire, out)
      }
      const report = (set: Set<string>, what: string) => {
        if (set.size > 0) {
          out.push({
            kind: 'list-member',
            path,
            wire,
            value,
            constraint: `${what} must satisfy constraint: [${[...set].join(', ')}]`,
          })
        }
      }
      report(keyBroken, 'Map keys')
      report(valueBroken, 'Map value')
    }
  }
}

function typeViolation(value: unknown, path: string, wire: string, type: string): Violation {
  return { kind: 'type', path, wire, value, constraint: `Member must be of type ${type}` }
}

function lengthCheck(
  min: number | undefined,
  max: number | undefined,
  measure: (value: unknown) => number | undefined,
): Check {
  const lower = min !== undefined && min > 0 ? min : undefined
  if (lower === undefined && max === undefined) return () => {}
  return (value, path, wire, out) => {
    const length = measure(value)
    if (length === undefined) return
    if (lower !== undefined && length < lower) {
      out.push({
        kind: 'min-length',
        path,
        wire,
        value,
        constraint: `Member must have length greater than or equal to ${lower}`,
      })
    }
    if (max !== undefined && length > max) {
      out.push({
        kind: 'max-length',
        path,
        wire,
        value,
        constraint: `Member must have length less than or equal to ${max}`,
      })
    }
  }
}

function stringCheck(shape: StringShape): Check {
  const lengths = lengthCheck(shape.min, shape.max, (v) => (v as string).length)
  const pattern = shape.pattern === undefined ? undefined : compilePattern(shape.pattern)
  const allowed = shape.enum ? new Set(shape.enum) : undefined
  const enumText = shape.enum ? `Member must satisfy enum value set: [${shape.enum.join(', ')}]` : ''
  return (value, path, wire, out) => {
    if (typeof value !== 'string') {
      out.push(typeViolation(value, path, wire, 'string'))
      return
    }
    if (allowed && !allowed.has(value)) out.push({ kind: 'enum', path, wire, value, constraint: enumText })
    lengths(value, path, wire, out)
    if (pattern && !pattern.test(value)) {
      out.push({
        kind: 'pattern',
        path,
        wire,
        value,
        constraint: `Member must satisfy regular expression pattern: ${shape.pattern}`,
      })
    }
  }
}

/** Java's `matches()`: the whole value. `\p{…}` classes need JavaScript's unicode mode. */
export function compilePattern(source: string): RegExp {
  const anchored = `^(?:${source})$`
  if (source.includes('\\p{')) return new RegExp(anchored, 'u')
  try {
    return new RegExp(anchored)
  } catch {
    return new RegExp(anchored, 'u')
  }
}

function numberCheck(
  type: string,
  min: number | undefined,
  max: number | undefined,
  stringly: boolean,
): Check {
  const integral = type === 'integer' || type === 'long'
  return (value, path, wire, out) => {
    const n = stringly && typeof value === 'string' && value.trim() !== '' ? Number(value) : value
    if (typeof n !== 'number' || !Number.isFinite(n) || (integral && !Number.isInteger(n))) {
      out.push(typeViolation(value, path, wire, type))
      return
    }
    if (min !== undefined && n < min) {
      out.push({
        kind: 'min-value',
        path,
        wire,
        value,
        constraint: `Member must have value greater than or equal to ${min}`,
      })
    }
    if (max !== undefined && n > max) {
      out.push({
        kind: 'max-value',
        path,
        wire,
        value,
        constraint: `Member must have value less than or equal to ${max}`,
      })
    }
  }
}

function booleanCheck(stringly: boolean): Check {
  return (value, path, wire, out) => {
    if (typeof value === 'boolean') return
    if (stringly && (value === 'true' || value === 'false')) return
    out.push(typeViolation(value, path, wire, 'boolean'))
  }
}
