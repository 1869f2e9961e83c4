// AWS Security Token Service: the request model of the operations the sandbox answers — input members with their
// constraints, and the errors each operation may return with their HTTP status.
// Source: botocore/data/sts/2011-06-15/service-2.json in boto/botocore at 0e6e2404b85dc336dd2889814e089bde7d1a4c55 (2026-08-07),
// checked against @aws-sdk/client-sts 3.1177.0 by test/sandbox/error-tables.test.ts.
import type { ServiceModel } from './types.ts'

// biome-ignore format: generated layout, one shape per line
export const stsModel: ServiceModel = {
  source: 'boto/botocore@0e6e2404b85d:botocore/data/sts/2011-06-15/service-2.json',
  errors: {
    ExpiredTokenException: 400,
    MalformedPolicyDocument: 400,
    PackedPolicyTooLarge: 400,
    RegionDisabledException: 403,
  },
  operations: {
    AssumeRole: { input: 'AssumeRoleRequest', errors: [
      'MalformedPolicyDocument', 'PackedPolicyTooLarge', 'RegionDisabledException', 'ExpiredTokenException',
    ] },
    GetCallerIdentity: { input: 'GetCallerIdentityRequest', errors: [] },
  },
  shapes: {
    AssumeRoleRequest: { type: 'structure', members: { RoleArn: 'arnType', RoleSessionName: 'roleSessionNameType', PolicyArns: 'policyDescriptorListType', Policy: 'unrestrictedSessionPolicyDocumentType', DurationSeconds: 'roleDurationSecondsType', Tags: 'tagListType', TransitiveTagKeys: 'tagKeyListType', ExternalId: 'externalIdType', SerialNumber: 'serialNumberType', TokenCode: 'tokenCodeType', SourceIdentity: 'sourceIdentityType', ProvidedContexts: 'ProvidedContextsListType' }, required: ['RoleArn', 'RoleSessionName'] },
    GetCallerIdentityRequest: { type: 'structure', members: {  } },
    PolicyDescriptorType: { type: 'structure', members: { arn: 'arnType' } },
    ProvidedContext: { type: 'structure', members: { ProviderArn: 'arnType', ContextAssertion: 'contextAssertionType' } },
    ProvidedContextsListType: { type: 'list', member: 'ProvidedContext', min: 1, max: 5 },
    Tag: { type: 'structure', members: { Key: 'tagKeyType', Value: 'tagValueType' }, required: ['Key', 'Value'] },
    arnType: { type: 'string', min: 20, max: 2048, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+' },
    contextAssertionType: { type: 'string', min: 4, max: 2048 },
    externalIdType: { type: 'string', min: 2, max: 1224, pattern: '[\\w+=,.@:\\/-]*' },
    policyDescriptorListType: { type: 'list', member: 'PolicyDescriptorType' },
    roleDurationSecondsType: { type: 'integer', min: 900, max: 43200 },
    roleSessionNameType: { type: 'string', min: 2, max: 64, pattern: '[\\w+=,.@-]*' },
    serialNumberType: { type: 'string', min: 9, max: 256, pattern: '[\\w+=/:,.@-]*' },
    sourceIdentityType: { type: 'string', min: 2, max: 64, pattern: '[\\w+=,.@-]*' },
    tagKeyListType: { type: 'list', member: 'tagKeyType', max: 50 },
    tagKeyType: { type: 'string', min: 1, max: 128, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]+' },
    tagListType: { type: 'list', member: 'Tag', max: 50 },
    tagValueType: { type: 'string', min: 0, max: 256, pattern: '[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*' },
    tokenCodeType: { type: 'string', min: 6, max: 6, pattern: '[\\d]*' },
    unrestrictedSessionPolicyDocumentType: { type: 'string', min: 1, pattern: '[\\u0009\\u000A\\u000D\\u0020-\\u00FF]+' },
  },
}
