// Each account's Security Hub configuration as the delegated administrator lists it organization-wide
// (ListConfigurationPolicyAssociations from the home region, 100 a page: the root, every OU and every
// account, each with the policy it applies or inherits and the association's status). One listing instead
// of a read per account; only under central configuration, where the API answers.
import { paginateListConfigurationPolicyAssociations } from '@aws-sdk/client-securityhub'
import type { AwsClients } from '../aws/clients.ts'
import { collect } from '../aws/paginate.ts'
import type { Desired } from '../engine/desired.ts'

export interface AccountAssociation {
  /** Policy id, or SELF_MANAGED_SECURITY_HUB. */
  policyId: string
  type: string
  status: string
  message?: string
}

/** Account id → its association, as listed. */
export type SecurityHubAccounts = Record<string, AccountAssociation>

export async function readSecurityHubAccounts(
  aws: AwsClients,
  desired: Desired,
): Promise<SecurityHubAccounts> {
  const home = desired.config.securityHub.aggregationRegion ?? desired.config.homeRegion
  const client = aws.securityhub(home, desired.securityTooling.id)
  const summaries = await collect(
    paginateListConfigurationPolicyAssociations({ client, pageSize: 100 }, {}),
    (p) => p.ConfigurationPolicyAssociationSummaries,
  )
  return Object.fromEntries(
    summaries
      .filter((s) => s.TargetType === 'ACCOUNT')
      .map((s) => [
        s.TargetId ?? '',
        {
          policyId: s.ConfigurationPolicyId ?? '',
          type: s.AssociationType ?? '',
          status: s.AssociationStatus ?? '',
          ...(s.AssociationStatusMessage ? { message: s.AssociationStatusMessage } : {}),
        },
      ]),
  )
}
