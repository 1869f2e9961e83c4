// Trusted access: the service principals that must be allowed to act across the organization for the
// features the config enables (aws-facts §1). Enabling is the only change planned: turning a feature off
// in the config does not revoke trusted access, which other tools in the organization may rely on.
import {
  EnableAWSServiceAccessCommand,
  paginateListAWSServiceAccessForOrganization,
} from '@aws-sdk/client-organizations'
import { collect } from '../aws/paginate.ts'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import { isOptInRegion } from '../config/regions.ts'
import type { Change } from '../engine/change.ts'
import type { Desired } from '../engine/desired.ts'
import type { Context, Module } from '../engine/module.ts'
import { grant } from '../iam/grant.ts'
import { securityContactsOn } from './security-contacts/settings.ts'

/** StackSets' trusted access (catalogue.ts ORGANIZATIONS_ACCESS; not imported: catalogue imports this file). */
const ORGANIZATIONS_ACCESS_PRINCIPAL = 'member.org.stacksets.cloudformation.amazonaws.com'

/** Account Management: the management account reads which opt-in regions each account has enabled. */
export const ACCOUNT_PRINCIPAL = 'account.amazonaws.com'

export const PRINCIPALS = {
  guardduty: ['guardduty.amazonaws.com', 'malware-protection.guardduty.amazonaws.com'],
  securityHub: ['securityhub.amazonaws.com'],
  config: ['config.amazonaws.com', 'config-multiaccountsetup.amazonaws.com'],
  cloudTrail: ['cloudtrail.amazonaws.com'],
  iam: ['iam.amazonaws.com'],
  inspector: ['inspector2.amazonaws.com'],
  accessAnalyzer: ['access-analyzer.amazonaws.com'],
} as const

const WHY: Record<string, string> = {
  'guardduty.amazonaws.com': 'GuardDuty needs it before an organization admin can be designated',
  'malware-protection.guardduty.amazonaws.com': "GuardDuty Malware Protection's service-linked role needs it",
  'securityhub.amazonaws.com': 'Security Hub administers member accounts through it',
  'config.amazonaws.com': 'the organization Config aggregator needs it',
  'config-multiaccountsetup.amazonaws.com': 'Config delegated administration needs it',
  'cloudtrail.amazonaws.com': 'an organization trail cannot be created without it',
  'iam.amazonaws.com': 'centralized root access (root credentials management, root sessions) needs it',
  'inspector2.amazonaws.com':
    'Amazon Inspector needs it before its delegated administrator can be designated',
  'access-analyzer.amazonaws.com':
    'organization analyzers need it, and a delegated administrator for IAM Access Analyzer',
  [ACCOUNT_PRINCIPAL]:
    "the tool reads which opt-in regions each account has enabled (account:ListRegions with AccountId), so an account that has not enabled one is a note, not a failure; and sets every account's security contact (account:PutAlternateContact with AccountId)",
}

export function neededPrincipals(desired: Desired): string[] {
  const c = desired.config
  return [
    ...(c.guardDuty.enabled ? PRINCIPALS.guardduty : []),
    ...(c.securityHub.enabled ? PRINCIPALS.securityHub : []),
    ...(c.config.enabled ? PRINCIPALS.config : []),
    ...(c.cloudTrail.enabled && c.cloudTrail.mode === 'organization' ? PRINCIPALS.cloudTrail : []),
    ...(c.rootUser.centralizedRootAccess ? PRINCIPALS.iam : []),
    ...(c.inspector.enabled ? PRINCIPALS.inspector : []),
    ...(c.accessAnalyzer.enabled ? PRINCIPALS.accessAnalyzer : []),
    ...(desired.regions.some(isOptInRegion) || securityContactsOn(c) ? [ACCOUNT_PRINCIPAL] : []),
  ].sort()
}

export const trustedAccessAddress = (principal: string) => `trusted-access[${principal}]`

export async function enabledPrincipals(ctx: Context): Promise<Set<string>> {
  const pages = paginateListAWSServiceAccessForOrganization(
    { client: ctx.aws.organizations(), pageSize: 20 },
    {},
  )
  const services = await collect(pages, (p) => p.EnabledServicePrincipals)
  return new Set(services.map((s) => s.ServicePrincipal ?? ''))
}

export const trustedAccess: Module<Set<string>> = {
  name: 'trusted-access',
  permissions: {
    management: [
      'organizations:ListAWSServiceAccessForOrganization',
      // Only for the principals the baseline needs (this list, and StackSets' in modules/stacksets).
      grant(['organizations:EnableAWSServiceAccess'], () => ['*'], {
        StringEquals: {
          'organizations:ServicePrincipal': [
            ...Object.values(PRINCIPALS).flat(),
            ORGANIZATIONS_ACCESS_PRINCIPAL,
            ACCOUNT_PRINCIPAL,
          ],
        },
      }),
    ],
    member: [],
  },
  enabled: (desired) => neededPrincipals(desired).length > 0,
  observe: enabledPrincipals,

  diff(desired, enabled): Change[] {
    return neededPrincipals(desired)
      .filter((principal) => !enabled.has(principal))
      .map((principal) => ({
        address: trustedAccessAddress(principal),
        module: 'trusted-access',
        action: 'create',
        before: null,
        after: { servicePrincipal: principal },
        reason: `enable trusted access for ${principal}: ${WHY[principal] ?? 'a baseline feature needs it'}`,
        dependsOn: [],
        destructive: false,
      }))
  },

  async apply(change, ctx) {
    const principal = (change.after as { servicePrincipal: string }).servicePrincipal
    // Enabling is idempotent and there is nothing else it could overwrite: no read needed first.
    await retryConflicts(() =>
      ctx.aws.organizations().send(new EnableAWSServiceAccessCommand({ ServicePrincipal: principal })),
    )
  },
}
