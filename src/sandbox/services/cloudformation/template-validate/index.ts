// CloudFormation's judgement of a template, in one place. `validateTemplate` is what every API call that takes
// a template (CreateStack, UpdateStack, CreateStackSet, UpdateStackSet, ValidateTemplate) runs after parsing;
// `propertyProblems` is what provisioning runs on each resource's resolved properties.
import { creationOrder } from '../template-graph.ts'
import { parseTemplateBody, type Template } from '../template-parse.ts'
import { checkLimits } from './limits.ts'
import { checkLogicalIds } from './logical-ids.ts'
import { checkParameterDecls } from './parameter-types.ts'
import { checkReferences } from './references.ts'
import { propertyProblems } from './resource-properties.ts'
import { checkResourceTypes } from './resource-types.ts'

export { propertiesFailure, propertyProblems } from './resource-properties.ts'

/** Throws CloudFormation's ValidationError for the first thing it refuses in the template. */
export function validateTemplate(template: Template): void {
  checkLimits(template)
  checkLogicalIds(template)
  checkParameterDecls(template)
  checkResourceTypes(template)
  checkReferences(template)
  creationOrder(template) // refuses circular dependencies
}

/**
 * Everything CloudFormation would refuse in a template body, before any value is known: the API-stage
 * error, else each resource's property problems as written (intrinsic values left for deploy time). For
 * checks over templates kept in files (the project's tests of its shipped templates).
 */
export function templateProblems(body: string): string[] {
  let template: Template
  try {
    template = parseTemplateBody(body)
    validateTemplate(template)
  } catch (error) {
    return [(error as Error).message]
  }
  return Object.entries(template.Resources).flatMap(([id, decl]) =>
    propertyProblems(decl.Type, decl.Properties ?? {}).map((problem) => `${id}: ${problem}`),
  )
}
