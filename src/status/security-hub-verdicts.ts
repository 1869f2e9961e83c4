// Security Hub's two cells per account and region: whether Security Hub reaches the account (central
// configuration: the configuration policy associated with it; local configuration: membership in the
// administrator's ListMembers), and which standards are in effect there — with what the evidence is, and
// what AWS does not let the administrator read.

import type { OrgAccount } from '../modules/organization/snapshot.ts'
import { splitOffered } from '../modules/security-hub/regional-standards.ts'
import { standardLabels } from '../modules/security-hub/standards.ts'
import type { StatusInputs } from './observe.ts'
import { covered, type Scope, unread, type Verdict } from './scope.ts'

type Observed = NonNullable<StatusInputs['securityHub']>

export function securityHubVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
): Verdict {
  const observed = inputs.securityHub
  if (!observed) return unread('security-hub', inputs)
  return scope.desired.config.securityHub.configuration === 'central'
    ? centralVerdict(account, region, inputs, observed, scope)
    : localVerdict(account, region, inputs, observed, scope)
}

function centralVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  observed: Observed,
  scope: Scope,
): Verdict {
  const { desired } = scope
  // Central configuration is administered from the aggregation region and reaches the regions the
  // aggregator links (aws-facts §4).
  const home = desired.config.securityHub.aggregationRegion ?? desired.config.homeRegion
  const admin = observed.regions[home]?.admin
  if (!admin) return { status: 'missing', reason: 'no Security Hub administrator — run apply' }
  if (admin !== desired.securityTooling.id)
    return { status: 'missing', reason: `the administrator is ${admin}, not the security tooling account` }
  if (region !== home && !aggregatorLinks(observed.aggregator, region))
    return {
      status: 'missing',
      reason: 'region not linked to the finding aggregator: central configuration does not reach it',
    }
  if (!observed.central?.policy)
    return { status: 'missing', reason: 'no central configuration policy — run apply' }
  const gate = scope.outOfScope(account)
  // The account's own entry in the administrator's listing, where it was read: what AWS applies to it.
  const listed = inputs.securityHubAccounts?.[account.id]
  if (listed) {
    const said = `policy association ${listed.type} ${listed.status}${listed.message ? `: ${listed.message}` : ''}`
    if (listed.policyId !== observed.central.policy.id)
      return gate
        ? { status: 'excluded', reason: gate }
        : {
            status: 'missing',
            reason: `the account is configured by ${listed.policyId}, not the baseline policy`,
          }
    if (listed.status === 'SUCCESS') return covered
    if (listed.status === 'PENDING') return { status: 'pending', reason: said }
    return { status: 'failed', reason: said }
  }
  const association = scope
    .chainOf(account)
    .map((id) => observed.central?.associations[id])
    .find((a) => a !== undefined)
  if (!association)
    return gate
      ? { status: 'excluded', reason: gate }
      : { status: 'missing', reason: 'no policy association on the account, its OUs or Root — run apply' }
  if (association.policyId !== observed.central.policy.id)
    return gate
      ? { status: 'excluded', reason: gate }
      : { status: 'missing', reason: `associated with ${association.policyId}, not the baseline policy` }
  if (association.status === 'SUCCESS') return covered
  if (association.status === 'PENDING') return { status: 'pending', reason: 'policy association PENDING' }
  return { status: 'failed', reason: `policy association ${association.status}` }
}

/** Local configuration: the region's own administrator, and the account's entry in its ListMembers. */
function localVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  observed: Observed,
  scope: Scope,
): Verdict {
  const { desired } = scope
  const here = observed.regions[region]
  const admin = here?.admin
  if (!admin) return { status: 'missing', reason: 'no Security Hub administrator in the region — run apply' }
  if (admin !== desired.securityTooling.id)
    return { status: 'missing', reason: `the administrator is ${admin}, not the security tooling account` }
  if (!here.hub)
    return {
      status: 'missing',
      reason: "the administrator's hub is off in the region, so it has no members — run apply",
    }
  if (account.id === admin) return covered
  const members = inputs.securityHubMembers?.[region]
  if (typeof members === 'string') return { status: 'unknown', reason: members }
  if (!members) return unread('security-hub', inputs)
  const status = members[account.id]
  if (status === 'Enabled') return covered
  if (status === 'Created' || status === 'Invited')
    return { status: 'pending', reason: `member status ${status} (ListMembers)` }
  const gate = scope.outOfScope(account)
  if (gate) return { status: 'excluded', reason: gate }
  if (status) return { status: 'missing', reason: `member status ${status} (ListMembers)` }
  if (account.id === desired.org.managementAccountId)
    return {
      status: 'missing',
      reason:
        'not a member: Security Hub never enables the management account by itself — enable it there, then add it with CreateMembers',
    }
  // AutoEnable reaches accounts that join the organization after it is on, never existing ones (API
  // reference, UpdateOrganizationConfiguration); org-baseline does not add existing accounts itself.
  return here.orgConfig?.autoEnable
    ? {
        status: 'missing',
        reason:
          'not a member: auto-enable reaches only accounts that join later — add existing accounts with CreateMembers, or use central configuration',
      }
    : { status: 'missing', reason: 'not a member, and auto-enable is off in the region — run apply' }
}

/**
 * The standards in effect, given the account's Security Hub cell (`reached`): under central configuration the
 * baseline policy's standards (an account the policy reaches has exactly those); under local configuration
 * the security tooling account's own (GetEnabledStandards), and a member's only where status read them in the
 * account (--member-standards): only the account itself can read them, and org-baseline sets none there.
 */
export function securityHubStandardsVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
  reached: Verdict,
): Verdict {
  if (reached.status !== 'covered')
    return {
      status: reached.status,
      reason: `Security Hub does not reach the account here: ${reached.reason ?? reached.status}`,
    }
  const observed = inputs.securityHub as Observed
  const settings = scope.desired.config.securityHub
  const wanted = splitOffered(settings.standards, region).offered
  const lacking = (enabled: string[]) => wanted.filter((k) => !standardLabels(enabled).includes(k))
  if (settings.configuration === 'central') {
    const policy = observed.central?.policy
    const absent = lacking(policy?.standards ?? [])
    return absent.length === 0
      ? covered
      : {
          status: 'missing',
          reason: `configuration policy ${policy?.name} does not enable ${absent.join(', ')} — run apply`,
        }
  }
  if (account.id === scope.desired.securityTooling.id) {
    const absent = lacking(observed.regions[region]?.enabledStandards ?? [])
    return absent.length === 0
      ? covered
      : {
          status: 'missing',
          reason: `not enabled in the administrator's hub: ${absent.join(', ')} — run apply`,
        }
  }
  const own = inputs.securityHubMemberStandards?.[account.id]?.[region]
  if (typeof own === 'string') return { status: 'unknown', reason: own }
  if (own) {
    const absent = lacking(own)
    return absent.length === 0
      ? covered
      : {
          status: 'missing',
          reason: `not enabled in the account (its own GetEnabledStandards): ${absent.join(', ')} — org-baseline enables standards in members only under central configuration`,
        }
  }
  const auto = observed.regions[region]?.orgConfig?.autoEnableStandards
  return {
    status: 'unknown',
    reason: `not read: under local configuration only the account itself can read its standards (GetEnabledStandards), and org-baseline enables none there${auto ? ` (auto-enable gives new members ${auto === 'DEFAULT' ? "AWS's default standards" : 'no standard'})` : ''} — status --member-standards reads them in each account; central configuration sets them`,
  }
}

export function aggregatorLinks(aggregator: Observed['aggregator'], region: string): boolean {
  if (!aggregator) return false
  if (aggregator.mode === 'ALL_REGIONS') return true
  if (aggregator.mode === 'ALL_REGIONS_EXCEPT_SPECIFIED') return !aggregator.regions.includes(region)
  if (aggregator.mode === 'SPECIFIED_REGIONS') return aggregator.regions.includes(region)
  return false
}
