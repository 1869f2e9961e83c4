// What CreatePolicy / UpdatePolicy check in a policy's content, per type; every failure is
// MalformedPolicyDocumentException ("The provided policy document doesn't meet the requirements of the
// specified policy type", API model). Sources:
// - SCPs: JSON with statements whose Effect is Allow or Deny (the check the sandbox always made).
// - RCPs: Organizations user guide, "RCP syntax": the elements are Version ("must include … 2012-10-17"),
//   Statement, Sid, Effect, Principal, Action, Resource, NotResource, Condition — no NotAction, no
//   NotPrincipal; "The effect of Allow is only supported for the RCPFullAWSAccess policy" (customer RCPs deny).
// - DECLARATIVE_POLICY_EC2: Organizations user guide, "Declarative policy syntax and examples": the fixed top
//   key `ec2_attributes`, under it `exception_message` and the supported attributes with their fields and
//   values (VPC block public access, serial console access, image block public access, allowed images
//   settings, instance metadata defaults, snapshot block public access), each value set with an inheritance
//   operator (`@@assign`; "Inheritance operators": `@@append`, `@@remove`,
//   `@@operators_allowed_for_child_policies`). Which values each field takes is in DECLARATIVE_EC2 below.
import { SandboxError } from '../../errors.ts'
import { DECLARATIVE_EC2, RCP, SCP } from './model.ts'

export const malformed = () =>
  new SandboxError(
    'MalformedPolicyDocumentException',
    'The provided policy document doesn’t meet the requirements of the specified policy type.',
    400,
  )

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const statementsOf = (document: Record<string, unknown>): unknown[] => {
  const s = document.Statement
  return Array.isArray(s) ? s : s ? [s] : []
}

function checkAuthorization(document: Record<string, unknown>, type: string): void {
  const list = statementsOf(document)
  if (list.length === 0) throw malformed()
  for (const statement of list) {
    const effect = (statement as { Effect?: unknown })?.Effect
    if (effect !== 'Allow' && effect !== 'Deny') throw malformed()
  }
  if (type !== RCP) return
  if (document.Version !== '2012-10-17') throw malformed()
  const allowed = new Set(['Sid', 'Effect', 'Principal', 'Action', 'Resource', 'NotResource', 'Condition'])
  for (const statement of list as Record<string, unknown>[]) {
    if (statement.Effect !== 'Deny') throw malformed()
    if (!Object.keys(statement).every((k) => allowed.has(k))) throw malformed()
    if (statement.Principal === undefined || statement.Action === undefined) throw malformed()
    if (statement.Resource === undefined && statement.NotResource === undefined) throw malformed()
  }
}

/** Field → the values `@@assign` may set (string values, or a number range for the hop limit). */
type Field = readonly string[] | { min: number; max: number }
const STATE = ['unblocked', 'block_new_sharing'] as const
const DECLARATIVE_FIELDS: Record<string, Record<string, Field>> = {
  serial_console_access: { status: ['enabled', 'disabled'] },
  image_block_public_access: { state: STATE },
  snapshot_block_public_access: { state: [...STATE, 'block_all_sharing'] },
  instance_metadata_defaults: {
    http_tokens: ['no_preference', 'required', 'optional'],
    http_endpoint: ['no_preference', 'enabled', 'disabled'],
    instance_metadata_tags: ['no_preference', 'enabled', 'disabled'],
    http_put_response_hop_limit: { min: -1, max: 64 },
  },
}
/** Attributes whose fields nest deeper (criteria lists, gateway blocks): checked for shape only. */
const NESTED_ATTRIBUTES = new Set(['vpc_block_public_access', 'allowed_images_settings'])
const OPERATORS = new Set(['@@assign', '@@append', '@@remove', '@@operators_allowed_for_child_policies'])

function checkValue(field: Field, node: unknown): void {
  if (!isRecord(node)) throw malformed()
  for (const [operator, value] of Object.entries(node)) {
    if (!OPERATORS.has(operator)) throw malformed()
    if (operator !== '@@assign') continue
    if (Array.isArray(field)) {
      if (typeof value !== 'string' || !field.includes(value)) throw malformed()
    } else {
      const n = typeof value === 'number' ? value : Number(value)
      const { min, max } = field as { min: number; max: number }
      if (!Number.isInteger(n) || n < min || n > max) throw malformed()
    }
  }
}

function checkDeclarativeEc2(document: Record<string, unknown>): void {
  const keys = Object.keys(document)
  if (keys.length !== 1 || !isRecord(document.ec2_attributes)) throw malformed()
  const attributes = document.ec2_attributes
  if (Object.keys(attributes).length === 0) throw malformed()
  for (const [name, body] of Object.entries(attributes)) {
    if (!isRecord(body)) throw malformed()
    if (name === 'exception_message' || NESTED_ATTRIBUTES.has(name)) continue
    const fields = DECLARATIVE_FIELDS[name]
    if (!fields) throw malformed()
    for (const [fieldName, node] of Object.entries(body)) {
      if (fieldName === '@@operators_allowed_for_child_policies') continue
      const field = fields[fieldName]
      if (!field) throw malformed()
      checkValue(field, node)
    }
  }
}

/** Throws MalformedPolicyDocumentException unless `content` is a document of `type`. */
export function checkPolicyDocument(content: string, type: string): void {
  let document: unknown
  try {
    document = JSON.parse(content)
  } catch {
    throw malformed()
  }
  if (!isRecord(document)) throw malformed()
  if (type === SCP || type === RCP) checkAuthorization(document, type)
  else if (type === DECLARATIVE_EC2) checkDeclarativeEc2(document)
}
