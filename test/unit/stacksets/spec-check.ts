// Checks template resources against the CloudFormation resource specification in @aws-cdk/aws-service-spec:
// the type exists, every property set exists (recursively through nested types), required ones are set.
// Values made by intrinsic functions are not typed here: CloudFormation resolves them at deploy time.
import { loadAwsServiceSpec } from '@aws-cdk/aws-service-spec'

type Db = Awaited<ReturnType<typeof loadAwsServiceSpec>>
type PropertyType = {
  type: string
  reference?: { $ref: string }
  element?: PropertyType
  types?: PropertyType[]
}
type Properties = Record<string, { type: PropertyType; required?: boolean }>

let db: Promise<Db> | undefined
export const spec = () => {
  db ??= loadAwsServiceSpec()
  return db
}

const isIntrinsic = (v: unknown) =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.keys(v).length === 1 &&
  /^(Ref|Condition|Fn::.+)$/.test(Object.keys(v)[0] ?? '')

function checkValue(db: Db, value: unknown, type: PropertyType, path: string, problems: string[]): void {
  if (isIntrinsic(value)) return
  switch (type.type) {
    case 'ref': {
      const def = db.get('typeDefinition', type.reference?.$ref ?? '')
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        problems.push(`${path}: expected an object (${def.name})`)
        return
      }
      checkProperties(
        db,
        value as Record<string, unknown>,
        def.properties as unknown as Properties,
        path,
        problems,
      )
      return
    }
    case 'array':
      if (!Array.isArray(value)) {
        problems.push(`${path}: expected a list`)
        return
      }
      for (const [i, item] of value.entries()) {
        checkValue(db, item, type.element as PropertyType, `${path}[${i}]`, problems)
      }
      return
    case 'union': {
      const options = type.types ?? []
      const fits = options.some((option) => {
        const trial: string[] = []
        checkValue(db, value, option, path, trial)
        return trial.length === 0
      })
      if (!fits) problems.push(`${path}: matches none of the allowed shapes`)
      return
    }
    default:
      return
  }
}

function checkProperties(
  db: Db,
  props: Record<string, unknown>,
  known: Properties,
  path: string,
  problems: string[],
): void {
  for (const [key, value] of Object.entries(props)) {
    const property = known[key]
    if (!property) {
      problems.push(`${path}.${key}: no such property`)
      continue
    }
    checkValue(db, value, property.type, `${path}.${key}`, problems)
  }
  for (const [key, property] of Object.entries(known)) {
    if (property.required && !(key in props)) problems.push(`${path}.${key}: required but not set`)
  }
}

/** The one resource type with this name (the spec never lists one twice). */
function single<T>(found: readonly T[], type: string): T {
  if (found.length !== 1 || found[0] === undefined)
    throw new Error(`${found.length} resource types named ${type}`)
  return found[0]
}

export async function checkResource(
  type: string,
  props: Record<string, unknown>,
  at: string,
): Promise<string[]> {
  const database = await spec()
  const found = database.lookup('resource', 'cloudFormationType', 'equals', type)
  if (found.length === 0) return [`${at}: no resource type ${type}`]
  const resource = single(found, type)
  const problems: string[] = []
  checkProperties(database, props, resource.properties as unknown as Properties, at, problems)
  return problems
}

export async function hasAttribute(type: string, attribute: string): Promise<boolean> {
  const database = await spec()
  const resource = single(database.lookup('resource', 'cloudFormationType', 'equals', type), type)
  return (
    attribute in resource.attributes ||
    (resource.properties as Record<string, unknown>)[attribute] !== undefined
  )
}
