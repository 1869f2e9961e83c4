// The EC2 declarative policy syntax the tool sends, checked before anything is written. Source:
// Organizations user guide, "Declarative policy syntax and examples" (the fixed top key `ec2_attributes`,
// `exception_message`, the supported attributes and the values of each field) and "Inheritance operators"
// (`@@assign`, `@@append`, `@@remove`, `@@operators_allowed_for_child_policies`).

/** Attribute → field → the values `@@assign` may set. */
export const EC2_ATTRIBUTE_VALUES: Record<string, Record<string, readonly string[]>> = {
  instance_metadata_defaults: {
    http_tokens: ['no_preference', 'required', 'optional'],
    http_endpoint: ['no_preference', 'enabled', 'disabled'],
    instance_metadata_tags: ['no_preference', 'enabled', 'disabled'],
  },
  snapshot_block_public_access: { state: ['unblocked', 'block_new_sharing', 'block_all_sharing'] },
  image_block_public_access: { state: ['unblocked', 'block_new_sharing'] },
  serial_console_access: { status: ['enabled', 'disabled'] },
}
/** Attributes the tool does not write, accepted as they are (nested criteria and gateway blocks). */
const OTHER_ATTRIBUTES = new Set(['vpc_block_public_access', 'allowed_images_settings', 'exception_message'])
const OPERATORS = new Set(['@@assign', '@@append', '@@remove', '@@operators_allowed_for_child_policies'])

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Problems that make `document` unacceptable as a DECLARATIVE_POLICY_EC2 policy; empty when fine. */
export function declarativeEc2Problems(document: unknown): string[] {
  if (!isRecord(document) || !isRecord(document.ec2_attributes) || Object.keys(document).length !== 1)
    return ['a declarative EC2 policy is one object with the single key "ec2_attributes"']
  const problems: string[] = []
  for (const [name, body] of Object.entries(document.ec2_attributes)) {
    if (OTHER_ATTRIBUTES.has(name)) continue
    const fields = EC2_ATTRIBUTE_VALUES[name]
    if (!fields || !isRecord(body)) {
      problems.push(`unknown EC2 attribute "${name}"`)
      continue
    }
    for (const [field, node] of Object.entries(body)) {
      if (field === '@@operators_allowed_for_child_policies') continue
      const values = fields[field]
      if (!values || !isRecord(node)) {
        problems.push(`${name}: unknown field "${field}"`)
        continue
      }
      for (const [operator, value] of Object.entries(node)) {
        if (!OPERATORS.has(operator)) problems.push(`${name}.${field}: unknown operator "${operator}"`)
        else if (operator === '@@assign' && !values.includes(value as string))
          problems.push(`${name}.${field}: ${JSON.stringify(value)} is not one of ${values.join(', ')}`)
      }
    }
  }
  return problems
}
