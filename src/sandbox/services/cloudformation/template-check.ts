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

export function checkTemplate(
  body: string | undefined,
  given: ParameterInput[],
  capabilities: string[],
  previous?: Record<string, string>,
): CheckedTemplate {
  if (body === undefined || body === '') {
    throw validationError('Either Template URL or Template Body must be specified.')
  }
  const template = parseTemplateBody(body)
  validateTemplate(template)
  const parameters = bindParameters(template, given, previous)
  checkCapabilities(template, capabilities)
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
