// The checks every template goes through before a stack or stack set uses it: parse, CloudFormation's
// template validation (template-validate/), parameter values and capabilities.
import { SandboxError } from '../../errors.ts'
import { type ParameterInput, validationError } from './input.ts'
import { type BoundParameters, bindParameters } from './template-parameters.ts'
import { parseTemplateBody, requiredCapabilities, type Template } from './template-parse.ts'
import { validateTemplate } from './template-validate/index.ts'

export interface CheckedTemplate {
  template: Template
  parameters: BoundParameters
}

/**
 * `capabilities: 'at-deployment'` is for stack sets: CreateStackSet and UpdateStackSet list no
 * InsufficientCapabilitiesException (API reference / SDK model) and accept the template; each stack
 * instance then fails with "Requires capabilities : […]" as its status reason (public report:
 * aws-cloudformation/rain#455), which `checkCapabilities` gives the instance task.
 */
export function checkTemplate(
  body: string | undefined,
  given: ParameterInput[],
  capabilities: string[] | 'at-deployment',
  previous?: Record<string, string>,
): CheckedTemplate {
  if (body === undefined || body === '') {
    throw validationError('Either Template URL or Template Body must be specified.')
  }
  const template = parseTemplateBody(body)
  validateTemplate(template)
  const parameters = bindParameters(template, given, previous)
  if (capabilities !== 'at-deployment') checkCapabilities(template, capabilities)
  return { template, parameters }
}

export function checkCapabilities(template: Template, capabilities: string[]): void {
  const missing = requiredCapabilities(template).filter((needed) => {
    if (needed === 'CAPABILITY_IAM')
      return !capabilities.includes('CAPABILITY_IAM') && !capabilities.includes('CAPABILITY_NAMED_IAM')
    return !capabilities.includes(needed)
  })
  if (missing.length > 0) {
    throw new SandboxError(
      'InsufficientCapabilitiesException',
      `Requires capabilities : [${missing.join(', ')}]`,
      400,
    )
  }
}
