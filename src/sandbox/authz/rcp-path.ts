// The RCPs that govern a request to a resource: those on the path root → OUs → account of the account that
// owns the resource, one list per level (every level must allow; RCPFullAWSAccess is attached everywhere).
// Sources: Organizations user guide, "Resource control policies (RCPs)" — RCPs restrict access to resources
// in member accounts, whoever the principal (outside the organization included); they do not apply to
// resources in the management account (aws-facts §1 "Resource Control Policies"); they cover a list of
// services (at launch S3, STS, KMS, SQS, Secrets Manager — the services the sandbox has among them: S3,
// STS AssumeRole, KMS key use); they do not restrict service-linked roles (aws-facts §1, third-party
// summary). Only while the RCP policy type is enabled on the root.
import type { NamedPolicy } from '../../policy/types.ts'
import { RCP } from '../services/organizations/model.ts'
import type { World } from '../state.ts'
import { policyLevels } from './scp-path.ts'

/** Service prefixes RCPs apply to (the launch list; later additions are not modelled). */
const RCP_SERVICES = new Set(['s3', 'sts', 'kms', 'sqs', 'secretsmanager'])

/**
 * The RCP levels for `action` on a resource owned by `resourceAccount`, or undefined when RCPs take no part:
 * the management account's resources, an account outside the organization, a service RCPs do not cover, or
 * the RCP type not enabled.
 */
export function rcpLevels(
  world: World,
  resourceAccount: string | undefined,
  action: string,
): NamedPolicy[][] | undefined {
  if (!resourceAccount || resourceAccount === world.managementAccountId) return undefined
  if (!world.accounts.has(resourceAccount)) return undefined
  if (!world.enabledPolicyTypes.has(RCP)) return undefined
  if (!RCP_SERVICES.has(action.split(':')[0]?.toLowerCase() ?? '')) return undefined
  return policyLevels(world, resourceAccount, RCP)
}
