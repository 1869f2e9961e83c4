// Resource types must exist in CloudFormation's registry: "Template format error: Unrecognized resource
// types: [X]" at the API call (seen from validate-template, aws/aws-cli #7226).
import { validationError } from '../input.ts'
import type { Template } from '../template-parse.ts'
import { isCustomType, resourceSchema } from './resource-spec.ts'

export function checkResourceTypes(template: Template): void {
  // A transform (macro) rewrites the resources before CloudFormation reads their types; the sandbox does not
  // expand macros, so their templates' types are not judged.
  if (template.Transform !== undefined) return
  const unknown = [
    ...new Set(
      Object.values(template.Resources)
        .map((r) => r.Type)
        .filter((type) => !isCustomType(type) && resourceSchema(type) === undefined),
    ),
  ]
  if (unknown.length > 0)
    throw validationError(`Template format error: Unrecognized resource types: [${unknown.join(', ')}]`)
}
