// The request-model tables (src/sandbox/model/) against the SDK's own schemas, and the sandbox against the
// tables: every error a table lists exists in the SDK's model with the same HTTP status; every input's
// required members are the SDK's; every operation the sandbox answers has a table; every error code a
// service's code constructs is one of that service's model errors (or an error common to every AWS API).
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { SandboxError } from '../../src/sandbox/errors.ts'
import { serviceModels } from '../../src/sandbox/model/index.ts'
import type { ServiceModel, StructureShape } from '../../src/sandbox/model/types.ts'
import { services } from '../../src/sandbox/services/index.ts'
import { COMMON_ERRORS } from '../../src/sandbox/validation/common-errors.ts'
import { guardCall } from '../../src/sandbox/validation/request-guard.ts'

/** Registry name → the SDK client package whose schemas describe it. */
const SDK_CLIENT: Record<string, string> = {
  organizations: 'client-organizations',
  sts: 'client-sts',
  iam: 'client-iam',
  account: 'client-account',
  guardduty: 'client-guardduty',
  securityhub: 'client-securityhub',
  cloudformation: 'client-cloudformation',
  config: 'client-config-service',
  cloudtrail: 'client-cloudtrail',
  eventbridge: 'client-eventbridge',
  s3: 'client-s3',
  inspector2: 'client-inspector2',
  accessanalyzer: 'client-accessanalyzer',
}

/** Registry name → the source files under src/sandbox/services/ that implement it. */
const SERVICE_SOURCES: Record<string, string> = {
  organizations: 'organizations',
  sts: 'sts.ts',
  iam: 'iam.ts',
  account: 'account.ts',
  guardduty: 'guardduty',
  securityhub: 'security-hub',
  cloudformation: 'cloudformation',
  config: 'config-service',
  cloudtrail: 'cloudtrail',
  eventbridge: 'eventbridge',
  s3: 's3',
  inspector2: 'inspector2',
  accessanalyzer: 'access-analyzer',
}

// The SDK's schema tuples: errors `[-3, ns, name, traits, …]`, structures `[3, ns, name, traits, members,
// schemas, requiredCount]`, operations `[9, ns, name, traits, () => input, () => output]`.
type SchemaTuple = [number, string, string, Record<string, unknown> | 0, ...unknown[]]

interface SdkModel {
  /** Wire error code → HTTP status (Smithy's default when the model gives none: 400 client, 500 server). */
  errors: Map<string, number>
  /** Operation → its input's required member names. */
  required: Map<string, string[]>
  /** Every enum's values. */
  enums: string[][]
}

async function loadSdk(pkg: string): Promise<SdkModel> {
  const base = `${process.cwd()}/node_modules/@aws-sdk/${pkg}/dist-es`
  const schemas = (await import(`${base}/schemas/schemas_0.js`)) as Record<string, unknown>
  const enums = (await import(`${base}/models/enums.js`)) as Record<string, Record<string, string>>
  const errors = new Map<string, number>()
  const required = new Map<string, string[]>()
  for (const value of Object.values(schemas)) {
    if (!Array.isArray(value)) continue
    const tuple = value as SchemaTuple
    const traits = (tuple[3] || {}) as {
      error?: string
      httpError?: number
      awsQueryError?: [string, number]
    }
    if (tuple[0] === -3) {
      // JSON services answer with the shape name; query services (and query-compatible JSON ones, such as
      // CloudTrail, in a side header) with the awsQueryError code.
      const status = traits.httpError ?? traits.awsQueryError?.[1] ?? (traits.error === 'server' ? 500 : 400)
      errors.set(tuple[2], status)
      if (traits.awsQueryError) errors.set(traits.awsQueryError[0], traits.awsQueryError[1])
    }
    if (tuple[0] === 9) {
      const input = (tuple[4] as () => unknown)() as SchemaTuple | undefined
      const names = Array.isArray(input) && Array.isArray(input[4]) ? (input[4] as string[]) : []
      const count = Array.isArray(input) && typeof input[6] === 'number' ? input[6] : 0
      required.set(tuple[2], names.slice(0, count))
    }
  }
  return { errors, required, enums: Object.values(enums).map((e) => Object.values(e)) }
}

const sdk = new Map<string, SdkModel>()
test.before(async () => {
  for (const [name, pkg] of Object.entries(SDK_CLIENT)) sdk.set(name, await loadSdk(pkg))
})

function implementedOperations(name: string): string[] {
  const spec = services[name]?.spec
  if (!spec) return []
  return spec.protocol === 'restJson1' || spec.protocol === 'restXml'
    ? spec.routes.map((r) => r.operation)
    : Object.keys(spec.operations)
}

test('every registered service has a request model and an SDK to check it against', () => {
  assert.equal(Object.keys(serviceModels).sort(), Object.keys(services).sort())
  assert.equal(Object.keys(SDK_CLIENT).sort(), Object.keys(services).sort())
})

test('every operation the sandbox answers has a table', () => {
  const missing = Object.keys(services).flatMap((name) =>
    implementedOperations(name)
      .filter((op) => !serviceModels[name]?.operations[op])
      .map((op) => `${name}:${op}`),
  )
  assert.equal(missing, [])
})

test("every table's errors exist in the SDK's model with the same HTTP status", () => {
  const wrong: string[] = []
  for (const [name, model] of Object.entries(serviceModels)) {
    const errors = sdk.get(name)?.errors
    for (const [code, status] of Object.entries(model.errors)) {
      if (!errors?.has(code)) wrong.push(`${name}: ${code} is not an error of the SDK's model`)
      else if (errors.get(code) !== status) wrong.push(`${name}: ${code} ${status}, SDK ${errors.get(code)}`)
    }
    for (const [op, table] of Object.entries(model.operations)) {
      for (const code of table.errors) {
        if (!(code in model.errors)) wrong.push(`${name}:${op} lists ${code} without a status`)
      }
    }
  }
  assert.equal(wrong, [])
})

test("every operation's required members are the SDK's", () => {
  const wrong: string[] = []
  for (const [name, model] of Object.entries(serviceModels)) {
    const required = sdk.get(name)?.required
    for (const [op, table] of Object.entries(model.operations)) {
      if (!required?.has(op)) {
        wrong.push(`${name}:${op} is not an operation of the SDK`)
        continue
      }
      const shape = table.input ? (model.shapes[table.input] as StructureShape) : undefined
      const ours = [...(shape?.required ?? [])].sort()
      const theirs = [...(required.get(op) ?? [])].sort()
      if (ours.join() !== theirs.join()) wrong.push(`${name}:${op} requires [${ours}], SDK [${theirs}]`)
    }
  }
  assert.equal(wrong, [])
})

// The SDK may be newer than the botocore commit the tables come from, so its enums may hold more values.
test("error members' enums (Organizations' Reason) are within the SDK's enums", () => {
  const wrong: string[] = []
  for (const [name, model] of Object.entries(serviceModels)) {
    const enums = sdk.get(name)?.enums ?? []
    for (const [code, members] of Object.entries(model.errorEnums ?? {})) {
      for (const [member, values] of Object.entries(members)) {
        const match = enums.some((e) => values.every((v) => e.includes(v)))
        if (!match) wrong.push(`${name}: ${code}.${member} matches no SDK enum`)
      }
    }
  }
  assert.equal(wrong, [])
})

test('every shape an operation names exists in the table (so validators compile)', () => {
  const missing: string[] = []
  const walk = (model: ServiceModel, shapeName: string, seen: Set<string>) => {
    if (seen.has(shapeName)) return
    seen.add(shapeName)
    const shape = model.shapes[shapeName]
    if (!shape) return missing.push(shapeName)
    if (shape.type === 'structure') {
      for (const m of Object.values(shape.members)) walk(model, typeof m === 'string' ? m : m.shape, seen)
    }
    if (shape.type === 'list') walk(model, shape.member, seen)
    if (shape.type === 'map') {
      walk(model, shape.key, seen)
      walk(model, shape.value, seen)
    }
  }
  for (const model of Object.values(serviceModels)) {
    const seen = new Set<string>()
    for (const table of Object.values(model.operations)) if (table.input) walk(model, table.input, seen)
  }
  assert.equal(missing, [])
})

test("REST routes' path labels are the model's URI members", () => {
  const wrong: string[] = []
  for (const [name, service] of Object.entries(services)) {
    if (service.spec.protocol !== 'restJson1') continue
    const model = serviceModels[name] as ServiceModel
    for (const route of service.spec.routes) {
      const table = model.operations[route.operation]
      const shape = table?.input ? (model.shapes[table.input] as StructureShape) : undefined
      const uri = Object.entries(shape?.members ?? {})
        .filter(([, m]) => typeof m !== 'string' && m.in === 'uri')
        .map(([n, m]) => (typeof m === 'string' ? n : (m.wire ?? n)))
        .sort()
      const labels = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]).sort()
      if (uri.join() !== labels.join()) wrong.push(`${name}:${route.operation} ${route.path} vs [${uri}]`)
    }
  }
  assert.equal(wrong, [])
})

test("every operation's validator compiles and judges an empty request with the service's own error", () => {
  const wrong: string[] = []
  for (const [name, service] of Object.entries(services)) {
    const protocol = service.spec.protocol
    for (const op of Object.keys(serviceModels[name]?.operations ?? {})) {
      const empty = protocol === 'restJson1' ? { params: {}, query: new URLSearchParams(), body: {} } : {}
      try {
        guardCall(name, protocol, op, empty, () => undefined)
      } catch (error) {
        if (!(error instanceof SandboxError) || error.status !== 400)
          wrong.push(`${name}:${op} ${String(error)}`)
      }
    }
  }
  assert.equal(wrong, [])
})

function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path).flatMap((entry) => sourceFiles(join(path, entry)))
}

test("every error code a service's code constructs is its model's (or common to every AWS API)", () => {
  const wrong: string[] = []
  const root = 'src/sandbox/services'
  for (const [name, source] of Object.entries(SERVICE_SOURCES)) {
    const model = serviceModels[name] as ServiceModel
    // Controls and seeds answer tests, not AWS callers; CloudFormation resource handlers (resources.ts) report
    // failures as stack events.
    const files = sourceFiles(join(root, source)).filter((f) => !/[/-](controls|seed|resources)\.ts$/.test(f))
    for (const file of files) {
      const text = readFileSync(file, 'utf8')
      for (const match of text.matchAll(/new SandboxError\(\s*'(\w+)'/g)) {
        const code = match[1] as string
        const known = code in model.errors || code in (model.documentedErrors ?? {})
        if (!known && !COMMON_ERRORS.has(code)) wrong.push(`${file}: ${code}`)
      }
    }
  }
  assert.equal(wrong, [])
})

test.run()
