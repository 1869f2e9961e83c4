// CloudFormation's judgement of a template, in one place. `validateTemplate` is what every API call that takes
// a template (CreateStack, UpdateStack, CreateStackSet, UpdateStackSet, ValidateTemplate) runs after parsing;
// `propertyProblems` is what provisioning runs on each resource's resolved properties.
import { creationOrder } from '../template-graph.ts'
import type { Template } from '../template-parse.ts'
import { checkLimits } from './limits.ts'
import { checkLogicalIds } from './logical-ids.ts'
import { checkParameterDecls } from './parameter-types.ts'
import { checkReferences } from './references.ts'
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
