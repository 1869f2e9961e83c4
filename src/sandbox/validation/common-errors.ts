// Errors every AWS API may answer besides those its model lists for an operation: the "Common Error Types"
// of the API references (e.g. https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html,
// https://docs.aws.amazon.com/organizations/latest/APIReference/CommonErrors.html), the protocol errors the
// SDK's protocols read (SerializationException, UnknownOperationException), the query services' throttling
// and access codes, and the services' own validation codes (validation/service-errors.ts).
export const COMMON_ERRORS: ReadonlySet<string> = new Set([
  // Access and credentials.
  'AccessDenied',
  'AccessDeniedException',
  'NotAuthorized',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
  'MissingAuthenticationToken',
  'MissingAuthenticationTokenException',
  'OptInRequired',
  'RequestExpired',
  // Throttling.
  'Throttling',
  'ThrottlingException',
  // Malformed or unknown requests.
  'InvalidAction',
  'MissingAction',
  'UnknownOperationException',
  'SerializationException',
  'MalformedHttpRequestException',
  'ValidationError',
  'ValidationException',
  'InvalidParameterCombination',
  'InvalidParameterValue',
  // The service's own failures.
  'InternalFailure',
  'ServiceUnavailable',
])
