// The server's one hook for the request model: right after a call is decoded it checks the input against the
// operation's table (answering with the service's validation error before anything is looked up), and it
// wraps the handler so that an error the operation's table does not list — or lists with another HTTP status,
// or with a `Reason` outside the model's enum — is answered as a sandbox bug (500 InternalFailure naming it).
import { SandboxError } from '../errors.ts'
import { serviceModels } from '../model/index.ts'
import type { OperationModel, ServiceModel, StructureShape } from '../model/types.ts'
import type { RestRequest, ServiceSpec } from '../services/service.ts'
import { COMMON_ERRORS } from './common-errors.ts'
import { type Check, memberShape, memberWire, ShapeCompiler } from './compile.ts'
import { validationAnswers } from './service-errors.ts'
import type { Violation } from './violation.ts'

type Protocol = ServiceSpec['protocol']

interface CompiledOperation {
  table: OperationModel
  model: ServiceModel
  /** restJson1: the input members carried by the path and query string. */
  located: readonly LocatedMember[]
  /** Validates the decoded input; absent when the operation takes none. */
  check?: (input: unknown) => Violation[]
}

const compiledByService = new Map<string, Map<string, CompiledOperation | null>>()
const compilers = new Map<string, ShapeCompiler>()

function compiled(service: string, protocol: Protocol, operation: string): CompiledOperation | undefined {
  let operations = compiledByService.get(service)
  if (!operations) {
    operations = new Map()
    compiledByService.set(service, operations)
  }
  const known = operations.get(operation)
  if (known !== undefined) return known ?? undefined
  const model = serviceModels[service]
  const table = model?.operations[operation]
  if (!model || !table) {
    // No table: test/sandbox/error-tables.test.ts fails on it; the server does not guess.
    operations.set(operation, null)
    return undefined
  }
  let compiler = compilers.get(service)
  if (!compiler) {
    compiler = new ShapeCompiler(model, {
      stringly: protocol === 'awsQuery' || protocol === 'restXml',
      wireNames: protocol === 'restJson1',
    })
    compilers.set(service, compiler)
  }
  const entry: CompiledOperation = { table, model, located: locatedMembers(model, table) }
  if (table.input) {
    const check: Check = compiler.check(table.input)
    entry.check = (input) => {
      const out: Violation[] = []
      check(input, '', '', out)
      return out
    }
  }
  operations.set(operation, entry)
  return entry
}

/** A REST member that travels outside the body: where, under which name, and how its text is read. */
interface LocatedMember {
  wire: string
  in: 'uri' | 'querystring'
  read: (text: string, all: () => string[]) => unknown
}

/** Labels and query strings are text: numbers, booleans and lists are read from it (else left as text). */
function textReader(type: string | undefined): LocatedMember['read'] {
  if (type === 'list') return (_text, all) => all()
  if (type === 'integer' || type === 'long' || type === 'double' || type === 'float') {
    return (text) => (text.trim() === '' || Number.isNaN(Number(text)) ? text : Number(text))
  }
  if (type === 'boolean') return (text) => (text === 'true' ? true : text === 'false' ? false : text)
  return (text) => text
}

function locatedMembers(model: ServiceModel, table: OperationModel): LocatedMember[] {
  const shape = table.input ? (model.shapes[table.input] as StructureShape | undefined) : undefined
  return Object.entries(shape?.members ?? {}).flatMap(([name, member]): LocatedMember[] => {
    if (typeof member === 'string' || (member.in !== 'uri' && member.in !== 'querystring')) return []
    const type = model.shapes[memberShape(member)]?.type
    return [{ wire: memberWire(name, member), in: member.in, read: textReader(type) }]
  })
}

/** REST inputs arrive as labels, query string and body; the body keeps its wire names. */
function restInput(located: readonly LocatedMember[], request: RestRequest): Record<string, unknown> {
  if (located.length === 0) return request.body
  const input: Record<string, unknown> = { ...request.body }
  for (const member of located) {
    if (member.in === 'uri') input[member.wire] = request.params[member.wire]
    else if (request.query.has(member.wire)) {
      input[member.wire] = member.read(request.query.get(member.wire) ?? '', () =>
        request.query.getAll(member.wire),
      )
    }
  }
  return input
}

/** A JSON value of the wrong type is a serialization failure on the JSON protocols (crafted message). */
function answer(service: string, protocol: Protocol, violations: Violation[]): SandboxError {
  const first = violations[0] as Violation
  if (first.kind === 'type' && protocol === 'awsJson1_1') {
    return new SandboxError('SerializationException', `Unexpected value type at '${first.path}'.`, 400)
  }
  const respond = validationAnswers[service]
  if (!respond) throw new Error(`no validation answer for service ${service}`)
  return respond(violations)
}

export function sandboxBug(message: string): SandboxError {
  return new SandboxError('InternalFailure', `Sandbox bug: ${message}`, 500)
}

/** Why `error` may not come from this operation, or undefined when the model allows it. */
export function errorViolation(service: string, operation: string, error: SandboxError): string | undefined {
  const model = serviceModels[service]
  const table = model?.operations[operation]
  if (!model || !table) return undefined
  if (table.errors.includes(error.code)) {
    const status = model.errors[error.code]
    if (status !== error.status) {
      return `${service} ${operation} answered ${error.code} with HTTP ${error.status}; the model gives ${status}`
    }
    for (const [member, values] of Object.entries(model.errorEnums?.[error.code] ?? {})) {
      const value = error.fields[member]
      if (value !== undefined && !values.includes(String(value))) {
        return `${service} ${operation} answered ${error.code} with ${member} ${String(value)}, which is not in the model's enum`
      }
    }
    return undefined
  }
  const documented = model.documentedErrors?.[error.code]
  if (documented !== undefined) {
    if (documented === error.status) return undefined
    return `${service} ${operation} answered ${error.code} with HTTP ${error.status}; the service documents ${documented}`
  }
  if (COMMON_ERRORS.has(error.code)) return undefined
  return `${service} ${operation} answered ${error.code}, which its model does not list`
}

/**
 * Validates the decoded call now (throws the service's validation error) and returns the handler wrapped so
 * that it may only fail with the errors its model lists.
 */
export function guardCall(
  service: string,
  protocol: Protocol,
  operation: string,
  input: Record<string, unknown> | RestRequest,
  invoke: () => unknown,
): () => Promise<unknown> {
  const entry = compiled(service, protocol, operation)
  if (entry?.check) {
    const value = protocol === 'restJson1' ? restInput(entry.located, input as RestRequest) : input
    const violations = entry.check(value)
    if (violations.length > 0) throw answer(service, protocol, violations)
  }
  return async () => {
    try {
      return await invoke()
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error
      const wrong = errorViolation(service, operation, error)
      if (wrong) throw sandboxBug(`${wrong} (message: ${error.message})`)
      throw error
    }
  }
}
