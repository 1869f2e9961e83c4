// Logical ids: alphanumeric, at most 255 characters, and one namespace shared by Parameters and Resources
// (a Ref could not tell them apart).
import { validationError } from '../input.ts'
import type { Template } from '../template-parse.ts'

/** CloudFormation quotas page: resource, parameter, output and mapping names are at most 255 characters. */
export const MAX_LOGICAL_ID_LENGTH = 255

const SECTIONS = [
  ['Resources', 'Resource'],
  ['Parameters', 'Parameter'],
  ['Outputs', 'Output'],
  ['Mappings', 'Mapping'],
] as const

export function checkLogicalIds(template: Template): void {
  for (const [section, noun] of SECTIONS) {
    for (const id of Object.keys(template[section])) {
      if (!/^[A-Za-z0-9]+$/.test(id))
        throw validationError(`Template format error: ${noun} name ${id} is non alphanumeric.`)
      if (id.length > MAX_LOGICAL_ID_LENGTH)
        throw validationError(
          `Template format error: ${noun} name ${id} exceeds the maximum length of ${MAX_LOGICAL_ID_LENGTH} characters.`,
        )
    }
  }
  const shared = Object.keys(template.Parameters).filter((name) => name in template.Resources)
  if (shared.length > 0) {
    throw validationError(
      `Template error: all resources and parameters must have unique names. Common name(s):[${shared.join(', ')}]`,
    )
  }
}
