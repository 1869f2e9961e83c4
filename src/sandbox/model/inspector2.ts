// Amazon Inspector: the request model of the operations the sandbox answers — input members with their
// constraints, and the errors each operation may return with their HTTP status.
// Source: botocore/data/inspector2/2020-06-08/service-2.json in boto/botocore at 0e6e2404b85dc336dd2889814e089bde7d1a4c55 (2026-08-07),
// checked against @aws-sdk/client-inspector2 by test/sandbox/error-tables.test.ts. Every member travels under
// its own camelCase name in the JSON body (no labels, no query strings).
import type { ServiceModel } from './types.ts'

// biome-ignore format: generated layout, one shape per line
export const inspector2Model: ServiceModel = {
  source: 'boto/botocore@0e6e2404b85d:botocore/data/inspector2/2020-06-08/service-2.json',
  errors: {
    AccessDeniedException: 403,
    ConflictException: 409,
    InternalServerException: 500,
    ResourceNotFoundException: 404,
    ServiceQuotaExceededException: 402,
    ThrottlingException: 429,
    ValidationException: 400,
  },
  operations: {
    AssociateMember: { input: 'AssociateMemberRequest', errors: ['ServiceQuotaExceededException', 'ValidationException', 'AccessDeniedException', 'ThrottlingException', 'InternalServerException'] },
    BatchGetAccountStatus: { input: 'BatchGetAccountStatusRequest', errors: ['ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    DescribeOrganizationConfiguration: { input: 'DescribeOrganizationConfigurationRequest', errors: ['ValidationException', 'AccessDeniedException', 'ThrottlingException', 'InternalServerException'] },
    Disable: { input: 'DisableRequest', errors: ['ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    DisableDelegatedAdminAccount: { input: 'DisableDelegatedAdminAccountRequest', errors: ['ConflictException', 'ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    DisassociateMember: { input: 'DisassociateMemberRequest', errors: ['ValidationException', 'AccessDeniedException', 'ThrottlingException', 'InternalServerException'] },
    Enable: { input: 'EnableRequest', errors: ['ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    EnableDelegatedAdminAccount: { input: 'EnableDelegatedAdminAccountRequest', errors: ['ConflictException', 'ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    GetDelegatedAdminAccount: { input: 'GetDelegatedAdminAccountRequest', errors: ['AccessDeniedException', 'ValidationException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    GetMember: { input: 'GetMemberRequest', errors: ['ValidationException', 'AccessDeniedException', 'ResourceNotFoundException', 'ThrottlingException', 'InternalServerException'] },
    ListDelegatedAdminAccounts: { input: 'ListDelegatedAdminAccountsRequest', errors: ['ValidationException', 'AccessDeniedException', 'ThrottlingException', 'InternalServerException'] },
    ListMembers: { input: 'ListMembersRequest', errors: ['ValidationException', 'AccessDeniedException', 'ThrottlingException', 'InternalServerException'] },
    UpdateOrganizationConfiguration: { input: 'UpdateOrganizationConfigurationRequest', errors: ['AccessDeniedException', 'ValidationException', 'ThrottlingException', 'InternalServerException'] },
  },
  shapes: {
    AccountId: { type: 'string', min: 12, max: 12, pattern: '\\d{12}' },
    AccountIdSet: { type: 'list', member: 'AccountId', min: 0, max: 100 },
    AssociateMemberRequest: { type: 'structure', members: { accountId: 'AccountId' }, required: ['accountId'] },
    AutoEnable: { type: 'structure', members: { ec2: 'Boolean', ecr: 'Boolean', lambda: 'Boolean', lambdaCode: 'Boolean', codeRepository: 'Boolean' }, required: ['ec2', 'ecr'] },
    BatchGetAccountStatusRequest: { type: 'structure', members: { accountIds: 'AccountIdSet' } },
    Boolean: { type: 'boolean' },
    ClientToken: { type: 'string', min: 1, max: 64 },
    DescribeOrganizationConfigurationRequest: { type: 'structure', members: {  } },
    DisableDelegatedAdminAccountRequest: { type: 'structure', members: { delegatedAdminAccountId: 'AccountId' }, required: ['delegatedAdminAccountId'] },
    DisableRequest: { type: 'structure', members: { accountIds: 'AccountIdSet', resourceTypes: 'DisableResourceTypeList' } },
    DisableResourceTypeList: { type: 'list', member: 'ResourceScanType', min: 0, max: 5 },
    DisassociateMemberRequest: { type: 'structure', members: { accountId: 'AccountId' }, required: ['accountId'] },
    EnableDelegatedAdminAccountRequest: { type: 'structure', members: { delegatedAdminAccountId: 'AccountId', clientToken: 'ClientToken' }, required: ['delegatedAdminAccountId'] },
    EnableRequest: { type: 'structure', members: { accountIds: 'AccountIdSet', resourceTypes: 'EnableResourceTypeList', clientToken: 'ClientToken' }, required: ['resourceTypes'] },
    EnableResourceTypeList: { type: 'list', member: 'ResourceScanType', min: 1, max: 5 },
    GetDelegatedAdminAccountRequest: { type: 'structure', members: {  } },
    GetMemberRequest: { type: 'structure', members: { accountId: 'AccountId' }, required: ['accountId'] },
    ListDelegatedAdminAccountsRequest: { type: 'structure', members: { maxResults: 'ListDelegatedAdminMaxResults', nextToken: 'NextToken' } },
    ListDelegatedAdminMaxResults: { type: 'integer', min: 1, max: 5 },
    ListMembersMaxResults: { type: 'integer', min: 1, max: 50 },
    ListMembersRequest: { type: 'structure', members: { onlyAssociated: 'Boolean', maxResults: 'ListMembersMaxResults', nextToken: 'NextToken' } },
    NextToken: { type: 'string', min: 0, max: 1000000 },
    ResourceScanType: { type: 'string', enum: ['EC2', 'ECR', 'LAMBDA', 'LAMBDA_CODE', 'CODE_REPOSITORY'] },
    UpdateOrganizationConfigurationRequest: { type: 'structure', members: { autoEnable: 'AutoEnable' }, required: ['autoEnable'] },
  },
}
