// Template count quotas (CloudFormation quotas page, limits raised in October 2020): 500 resources, 200
// parameters, 200 outputs, 200 mappings with 200 attributes each; a description of at most 1,024 bytes.
import { validationError } from '../input.ts'
import type { Template } from '../template-parse.ts'

export const TEMPLATE_LIMITS = {
  resources: 500,
  parameters: 200,
  outputs: 200,
  mappings: 200,
  mappingAttributes: 200,
  descriptionBytes: 1024,
} as const

function count(what: string, n: number, max: number): void {
  // "Number of resources, 202, is greater than maximum allowed, 200" is AWS's text (serverless #6803);
  // the other sections' messages follow it (crafted).
  if (n > max)
    throw validationError(
      `Template format error: Number of ${what}, ${n}, is greater than maximum allowed, ${max}`,
    )
}

export function checkLimits(template: Template): void {
  count('resources', Object.keys(template.Resources).length, TEMPLATE_LIMITS.resources)
  count('parameters', Object.keys(template.Parameters).length, TEMPLATE_LIMITS.parameters)
  count('outputs', Object.keys(template.Outputs).length, TEMPLATE_LIMITS.outputs)
  count('mappings', Object.keys(template.Mappings).length, TEMPLATE_LIMITS.mappings)
  for (const [name, mapping] of Object.entries(template.Mappings)) {
    const n = Object.keys(mapping ?? {}).length
    if (n > TEMPLATE_LIMITS.mappingAttributes)
      throw validationError(
        `Template format error: Number of attributes in mapping ${name}, ${n}, is greater than maximum allowed, ${TEMPLATE_LIMITS.mappingAttributes}`,
      )
  }
  const description = template.Description ?? ''
  if (Buffer.byteLength(description, 'utf8') > TEMPLATE_LIMITS.descriptionBytes)
    throw validationError(
      `Template format error: Template description exceeds the maximum length of ${TEMPLATE_LIMITS.descriptionBytes} bytes.`,
    )
}
