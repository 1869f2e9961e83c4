// How each service answers a request that breaks its model's constraints (README, "Requests as the model
// judges them", names the sources). Most services answer with Coral's text, "N validation error(s) detected:
// …", under their own error code; Organizations, GuardDuty and Security Hub answer in their own words.
import { SandboxError } from '../errors.ts'
import { coralMessage, type Violation, type ViolationKind } from './violation.ts'

export type ValidationAnswer = (violations: readonly Violation[]) => SandboxError

/**
 * Coral's standard answer under the service's own code (e.g. `ValidationError` for the query services);
 * `byMember` gives the code a service's model documents for one member (Config's `limit` →
 * InvalidLimitException, "The specified limit is outside the allowable range").
 */
const coral =
  (
    code: string,
    fields: (violations: readonly Violation[]) => Record<string, unknown> = () => ({}),
    byMember: Record<string, string> = {},
  ) =>
  (violations: readonly Violation[]) =>
    new SandboxError(
      byMember[(violations[0] as Violation).path] ?? code,
      coralMessage(violations),
      400,
      fields(violations),
    )

/**
 * Organizations: `InvalidInputException` with one `Reason` of its enum, for the first violation. The
 * INVALID_PATTERN sentence is AWS's (seen in the wild); the others are the API reference's descriptions of
 * each reason, used as messages (AWS's exact wording unknown).
 */
const ORGANIZATIONS_REASONS: Record<ViolationKind, [reason: string, message: string]> = {
  required: ['INPUT_REQUIRED', 'You must include a value for all required parameters.'],
  'min-length': ['MIN_LENGTH_EXCEEDED', 'You provided a string parameter that is shorter than allowed.'],
  'max-length': ['MAX_LENGTH_EXCEEDED', 'You provided a string parameter that is longer than allowed.'],
  'min-value': [
    'MIN_VALUE_EXCEEDED',
    'You provided a numeric parameter that has a smaller value than allowed.',
  ],
  'max-value': [
    'MAX_VALUE_EXCEEDED',
    'You provided a numeric parameter that has a larger value than allowed.',
  ],
  pattern: ['INVALID_PATTERN', 'You provided a value that does not match the required pattern.'],
  enum: ['INVALID_ENUM', 'You specified an invalid value.'],
  type: ['INVALID_ENUM', 'You specified an invalid value.'],
  'list-member': [
    'INVALID_LIST_MEMBER',
    'You provided a list to a parameter that contains at least one invalid value.',
  ],
}

/** A list or map length reads as MIN/MAX_LENGTH, a list's item as INVALID_LIST_MEMBER (API reference). */
function organizations(violations: readonly Violation[]): SandboxError {
  const first = violations[0] as Violation
  const [reason, message] = ORGANIZATIONS_REASONS[first.kind]
  return new SandboxError('InvalidInputException', message, 400, { Reason: reason })
}

/**
 * GuardDuty: `BadRequestException` whose body `type` is `InvalidInputException`, naming the member by its wire
 * name ("The request is rejected because the parameter detectorId has an invalid value.", seen in the wild); a
 * missing member gets GuardDuty's general sentence; a value of the wrong JSON type its JSON sentence.
 */
function guardDuty(violations: readonly Violation[]): SandboxError {
  const first = violations[0] as Violation
  const message =
    first.kind === 'type'
      ? 'The request is rejected because the JSON could not be processed.'
      : first.kind === 'required'
        ? 'The request is rejected because an invalid or out-of-range value is specified as an input parameter.'
        : `The request is rejected because the parameter ${first.wire} has an invalid value.`
  return new SandboxError('BadRequestException', message, 400, { __type: 'InvalidInputException' })
}

/** Security Hub: `InvalidInputException` with `Code` and `Message` members; the text is Coral's (crafted). */
function securityHub(violations: readonly Violation[]): SandboxError {
  const message = coralMessage(violations)
  return new SandboxError('InvalidInputException', message, 400, {
    Code: 'InvalidInputException',
    Message: message,
  })
}

/** Account: `ValidationException` with `reason` fieldValidationFailed and the fields (its model's members). */
const accountFields = (violations: readonly Violation[]) => ({
  reason: 'fieldValidationFailed',
  fieldList: violations.map((v) => ({ name: v.path, message: v.constraint })),
})

export const validationAnswers: Readonly<Record<string, ValidationAnswer>> = {
  organizations,
  sts: coral('ValidationError'),
  iam: coral('ValidationError'),
  cloudformation: coral('ValidationError'),
  account: coral('ValidationException', accountFields),
  guardduty: guardDuty,
  securityhub: securityHub,
  config: coral('ValidationException', undefined, { limit: 'InvalidLimitException' }),
  // CloudTrail's model has no generic validation error: InvalidParameterException (crafted choice), and the
  // exceptions it documents for page sizes.
  cloudtrail: coral('InvalidParameterException', undefined, { maxResults: 'InvalidMaxResultsException' }),
  eventbridge: coral('ValidationException'),
  // Inspector: ValidationException with `reason` (its model's enum) and `fields` {name, message}; text Coral's (crafted).
  inspector2: coral('ValidationException', (violations) => ({
    reason: 'FIELD_VALIDATION_FAILED',
    fields: violations.map((v) => ({ name: v.path, message: v.constraint })),
  })),
  // IAM Access Analyzer: ValidationException with the model's required `reason` and the fields (crafted text).
  accessanalyzer: coral('ValidationException', accountFields),
  // S3 does not answer in Coral's words: a broken payload is MalformedXML, a broken header or query parameter
  // InvalidArgument, and a missing payload MissingRequestBodyError (S3 API reference, "List of error codes";
  // which code S3 picks for each member is crafted).
  s3: (violations) => {
    const first = violations[0] as Violation
    if (first.path.includes('.'))
      return new SandboxError(
        'MalformedXML',
        'The XML you provided was not well-formed or did not validate against our published schema',
      )
    return new SandboxError('InvalidArgument', `${first.path}: ${first.constraint}`, 400, {
      ArgumentName: first.wire,
    })
  },
}
