// AWS Account: the request model of the operations the sandbox answers (Regions, alternate contacts) — input members with their
// constraints, and the errors each operation may return with their HTTP status.
// Source: botocore/data/account/2021-02-01/service-2.json in boto/botocore at 0e6e2404b85dc336dd2889814e089bde7d1a4c55 (2026-08-07),
// checked against @aws-sdk/client-account 3.1169.0 by test/sandbox/error-tables.test.ts.
import type { ServiceModel } from './types.ts'

// biome-ignore format: generated layout, one shape per line
export const accountModel: ServiceModel = {
  source: 'boto/botocore@0e6e2404b85d:botocore/data/account/2021-02-01/service-2.json',
  errors: {
    AccessDeniedException: 403,
    ConflictException: 409,
    InternalServerException: 500,
    ResourceNotFoundException: 404,
    TooManyRequestsException: 429,
    ValidationException: 400,
  },
  errorEnums: {
    ValidationException: { reason: ['invalidRegionOptTarget', 'fieldValidationFailed'] },
  },
  operations: {
    DeleteAlternateContact: { input: 'DeleteAlternateContactRequest', errors: ['ResourceNotFoundException', 'ValidationException', 'AccessDeniedException', 'TooManyRequestsException', 'InternalServerException'] },
    DisableRegion: { input: 'DisableRegionRequest', errors: ['AccessDeniedException', 'ValidationException', 'ConflictException', 'TooManyRequestsException', 'InternalServerException'] },
    EnableRegion: { input: 'EnableRegionRequest', errors: ['AccessDeniedException', 'ValidationException', 'ConflictException', 'TooManyRequestsException', 'InternalServerException'] },
    GetAlternateContact: { input: 'GetAlternateContactRequest', errors: ['ResourceNotFoundException', 'ValidationException', 'AccessDeniedException', 'TooManyRequestsException', 'InternalServerException'] },
    GetRegionOptStatus: { input: 'GetRegionOptStatusRequest', errors: ['AccessDeniedException', 'ValidationException', 'TooManyRequestsException', 'InternalServerException'] },
    ListRegions: { input: 'ListRegionsRequest', errors: ['AccessDeniedException', 'ValidationException', 'TooManyRequestsException', 'InternalServerException'] },
    PutAlternateContact: { input: 'PutAlternateContactRequest', errors: ['ValidationException', 'AccessDeniedException', 'TooManyRequestsException', 'InternalServerException'] },
  },
  shapes: {
    AccountId: { type: 'string', pattern: '\\d{12}' },
    AlternateContactType: { type: 'string', enum: ['BILLING', 'OPERATIONS', 'SECURITY'] },
    DeleteAlternateContactRequest: { type: 'structure', members: { AlternateContactType: 'AlternateContactType', AccountId: 'AccountId' }, required: ['AlternateContactType'] },
    DisableRegionRequest: { type: 'structure', members: { AccountId: 'AccountId', RegionName: 'RegionName' }, required: ['RegionName'] },
    EmailAddress: { type: 'string', min: 1, max: 254, pattern: '[\\s]*[\\w+=.#|!&-]+@[\\w.-]+\\.[\\w]+[\\s]*' },
    EnableRegionRequest: { type: 'structure', members: { AccountId: 'AccountId', RegionName: 'RegionName' }, required: ['RegionName'] },
    GetAlternateContactRequest: { type: 'structure', members: { AlternateContactType: 'AlternateContactType', AccountId: 'AccountId' }, required: ['AlternateContactType'] },
    GetRegionOptStatusRequest: { type: 'structure', members: { AccountId: 'AccountId', RegionName: 'RegionName' }, required: ['RegionName'] },
    ListRegionsRequest: { type: 'structure', members: { AccountId: 'AccountId', MaxResults: 'ListRegionsRequestMaxResultsInteger', NextToken: 'ListRegionsRequestNextTokenString', RegionOptStatusContains: 'RegionOptStatusList' } },
    ListRegionsRequestMaxResultsInteger: { type: 'integer', min: 1, max: 50 },
    ListRegionsRequestNextTokenString: { type: 'string', min: 0, max: 1000 },
    Name: { type: 'string', min: 1, max: 64 },
    PhoneNumber: { type: 'string', min: 1, max: 25, pattern: '[\\s0-9()+-]+' },
    PutAlternateContactRequest: { type: 'structure', members: { Name: 'Name', Title: 'Title', EmailAddress: 'EmailAddress', PhoneNumber: 'PhoneNumber', AlternateContactType: 'AlternateContactType', AccountId: 'AccountId' }, required: ['Name', 'Title', 'EmailAddress', 'PhoneNumber', 'AlternateContactType'] },
    RegionName: { type: 'string', min: 1, max: 50 },
    RegionOptStatus: { type: 'string', enum: ['ENABLED', 'ENABLING', 'DISABLING', 'DISABLED', 'ENABLED_BY_DEFAULT'] },
    RegionOptStatusList: { type: 'list', member: 'RegionOptStatus' },
    Title: { type: 'string', min: 1, max: 50 },
  },
}
