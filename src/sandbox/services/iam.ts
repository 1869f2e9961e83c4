// IAM (awsQuery, version 2010-05-08, global; signs us-east-1): centralized root access
// (List/Enable/Disable OrganizationsRootCredentialsManagement and RootSessions, aws-facts §2) and
// GetAccountSummary, whose root-credential keys report the calling account's root user as seeded. Roles
// and their policies (operations, seed section `iam`, controls `put-role` / `put-policy`): iam-roles/.
import { SandboxError } from '../errors.ts'
import { xmlMap } from '../protocols/query.ts'
import type { World } from '../state.ts'
import { roleOperations } from './iam-roles/api.ts'
// Registers the CloudFormation providers of AWS::IAM::Role, ManagedPolicy, Policy and ServiceLinkedRole.
import './iam-roles/resources.ts'
import { putPolicyFrom, putRoleFrom, seedIam } from './iam-roles/seed.ts'
import { rolesOf } from './iam-roles/store.ts'
import type { CallContext, Operation, SimulatedService } from './service.ts'

export type OrganizationsFeature = 'RootCredentialsManagement' | 'RootSessions'

export interface IamState {
  /** Centralized root access features enabled for the organization. */
  features: Set<OrganizationsFeature>
}

export function iamState(world: World): IamState {
  return world.slice<IamState>('iam', () => ({ features: new Set() }))
}

const IAM_PRINCIPAL = 'iam.amazonaws.com'

function requireServiceAccess(ctx: CallContext): void {
  if (!ctx.world.hasTrustedAccess(IAM_PRINCIPAL)) {
    throw new SandboxError(
      'ServiceAccessNotEnabledException',
      'The request failed because trusted access is not enabled for AWS Identity and Access Management in AWS Organizations.',
      400,
    )
  }
}

function requireManagement(ctx: CallContext): void {
  if (ctx.account !== ctx.world.managementAccountId) {
    throw new SandboxError(
      'CallerIsNotManagementAccountException',
      'The request was rejected because the account making the request is not the management account for the organization.',
      400,
    )
  }
}

function requireManagementOrAdmin(ctx: CallContext): void {
  if (ctx.account === ctx.world.managementAccountId || ctx.world.isDelegatedAdmin(ctx.account, IAM_PRINCIPAL))
    return
  throw new SandboxError(
    'AccountNotManagementOrDelegatedAdministratorException',
    'The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access.',
    400,
  )
}

function featuresResult(world: World) {
  // AWS lists the features in this order.
  const order: OrganizationsFeature[] = ['RootCredentialsManagement', 'RootSessions']
  const features = iamState(world).features
  return { OrganizationId: world.organizationId, EnabledFeatures: order.filter((f) => features.has(f)) }
}

const listOrganizationsFeatures: Operation = (_input, ctx) => {
  requireManagementOrAdmin(ctx)
  requireServiceAccess(ctx)
  return featuresResult(ctx.world)
}

function toggle(feature: OrganizationsFeature, enabled: boolean): Operation {
  return (_input, ctx) => {
    requireManagement(ctx)
    requireServiceAccess(ctx)
    const features = iamState(ctx.world).features
    if (enabled) features.add(feature)
    else features.delete(feature)
    return featuresResult(ctx.world)
  }
}

/** GetAccountSummary's SummaryMap for the calling account; counts of IAM entities are a quiet account's. */
const getAccountSummary: Operation = (_input, ctx) => {
  const account = ctx.world.accounts.get(ctx.account)
  const root = account?.root ?? { mfa: false, password: false, accessKeys: false }
  const roles = rolesOf(ctx.world, ctx.account).length
  return {
    SummaryMap: xmlMap({
      AccountMFAEnabled: root.mfa ? 1 : 0,
      AccountAccessKeysPresent: root.accessKeys ? 1 : 0,
      AccountPasswordPresent: root.password ? 1 : 0,
      AccountSigningCertificatesPresent: 0,
      AssumeRolePolicySizeQuota: 2048,
      AttachedPoliciesPerGroupQuota: 10,
      AttachedPoliciesPerRoleQuota: 10,
      AttachedPoliciesPerUserQuota: 10,
      GlobalEndpointTokenVersion: 1,
      GroupPolicySizeQuota: 5120,
      Groups: 0,
      GroupsPerUserQuota: 10,
      GroupsQuota: 300,
      InstanceProfiles: 0,
      InstanceProfilesQuota: 1000,
      MFADevices: root.mfa ? 1 : 0,
      MFADevicesInUse: root.mfa ? 1 : 0,
      Policies: 0,
      PoliciesQuota: 1500,
      PolicySizeQuota: 6144,
      PolicyVersionsInUse: 0,
      PolicyVersionsInUseQuota: 10000,
      Providers: 0,
      RolePolicySizeQuota: 10240,
      Roles: roles,
      RolesQuota: 1000,
      ServerCertificates: 0,
      ServerCertificatesQuota: 20,
      SigningCertificatesPerUserQuota: 2,
      UserPolicySizeQuota: 2048,
      Users: 0,
      UsersQuota: 5000,
      VersionsPerPolicyQuota: 5,
    }),
  }
}

export const iam: SimulatedService = {
  spec: {
    signingName: 'iam',
    protocol: 'awsQuery',
    version: '2010-05-08',
    xmlNamespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    operations: {
      ListOrganizationsFeatures: listOrganizationsFeatures,
      EnableOrganizationsRootCredentialsManagement: toggle('RootCredentialsManagement', true),
      DisableOrganizationsRootCredentialsManagement: toggle('RootCredentialsManagement', false),
      EnableOrganizationsRootSessions: toggle('RootSessions', true),
      DisableOrganizationsRootSessions: toggle('RootSessions', false),
      GetAccountSummary: getAccountSummary,
      ...roleOperations,
    },
  },
  seedKey: 'iam',
  seed: seedIam,
  controls: {
    /** `{ account, name, path?, trustPolicy?, policies?: { name: doc }, managedPolicyArns?, boundary?, … }` */
    'put-role': (world, args) => {
      const role = putRoleFrom(world, args)
      return { arn: role.arn, roleId: role.id }
    },
    /** `{ account, name, path?, document }`: a customer managed policy, for attaching or as a boundary. */
    'put-policy': (world, args) => putPolicyFrom(world, args),
  },
}
