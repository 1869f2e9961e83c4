// Cells that Organizations, GuardDuty and IAM answer: SCPs in effect, membership, root credentials (Security
// Hub's are in security-hub-verdicts.ts).
import type { OrgAccount } from '../modules/organization/snapshot.ts'
import type { RootPosture } from '../modules/root-access/audit.ts'
import type { StatusInputs } from './observe.ts'
import { covered, type Scope, unread, type Verdict } from './scope.ts'

export function scpVerdict(account: OrgAccount, inputs: StatusInputs, scope: Scope): Verdict {
  const { desired } = scope
  if (account.id === desired.org.managementAccountId)
    return { status: 'exempt', reason: 'SCPs never apply to the management account' }
  if (account.status !== 'ACTIVE') return { status: 'suspended', reason: `account is ${account.status}` }
  const observed = inputs.scp
  if (!observed) return unread('scp', inputs)
  if (!observed.typeEnabled)
    return { status: 'missing', reason: 'SCP policy type is not enabled on the root — run apply' }
  const chain = new Set(scope.chainOf(account))
  const wanted = desired.scps.filter((s) => s.targets.some((t) => chain.has(t.id))).map((s) => s.name)
  const attached = new Set(
    observed.owned.filter((p) => p.targets.some((t) => chain.has(t))).map((p) => p.name),
  )
  const absent = wanted.filter((name) => !attached.has(name))
  if (absent.length === 0) return covered
  return {
    status: 'missing',
    reason: `not attached to the account, its OUs or Root: ${absent.join(', ')} — run apply`,
  }
}

export function guardDutyVerdict(
  account: OrgAccount,
  region: string,
  inputs: StatusInputs,
  scope: Scope,
): Verdict {
  const { desired } = scope
  const observed = inputs.guardDuty?.regions.find((r) => r.region === region)
  if (!observed) return unread('guardduty', inputs)
  if (!observed.adminRegionEnabled)
    return { status: 'region-off', reason: 'region not enabled in the security tooling account' }
  const admin = desired.securityTooling.id
  if (!observed.admins.includes(admin))
    return { status: 'missing', reason: `no GuardDuty administrator in the region — run apply` }
  if (account.id === admin)
    return observed.detectorId ? covered : { status: 'missing', reason: 'the administrator has no detector' }
  if (account.id === desired.org.managementAccountId) {
    if (observed.managementMember === 'Enabled') return covered
    return {
      status: 'missing',
      reason: `management account is not a member (${observed.managementMember ?? 'unread'}) — run apply`,
    }
  }
  const members = inputs.guardDutyMembers?.[region]
  if (typeof members === 'string') return { status: 'unknown', reason: members }
  const relationship = members?.[account.id]
  if (relationship === 'Enabled') return covered
  if (relationship === 'Created' || relationship === 'Invited')
    return { status: 'pending', reason: `member relationship ${relationship}` }
  const gate = scope.outOfScope(account)
  if (gate) return { status: 'excluded', reason: gate }
  if (relationship) return { status: 'missing', reason: `member relationship ${relationship}` }
  if (observed.orgConfig?.autoEnable === 'ALL')
    return { status: 'pending', reason: 'not a member yet: pending auto-enable (ALL)' }
  return {
    status: 'missing',
    reason: `not a member: auto-enable ${observed.orgConfig?.autoEnable ?? 'not configured'} — run apply`,
  }
}

export function rootVerdict(
  account: OrgAccount,
  posture: RootPosture | undefined,
  inputs: StatusInputs,
): Verdict {
  if (!posture) return unread('root-access', inputs)
  if (posture.status === 'suspended') return { status: 'suspended', reason: `account is ${account.status}` }
  if (posture.status === 'unreachable') return { status: 'failed', reason: `not audited: ${posture.error}` }
  return posture.findings.length === 0 ? covered : { status: 'missing', reason: posture.findings.join('; ') }
}
