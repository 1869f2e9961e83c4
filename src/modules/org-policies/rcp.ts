// Module `rcps`: the opt-in data perimeter shipped in rcps/data-perimeter.json — the organization's S3,
// SQS, KMS and Secrets Manager resources and its roles (sts:AssumeRole) refused to principals outside the
// organization (aws:PrincipalOrgID against the resource's own aws:ResourceOrgID), AWS service principals
// (aws:PrincipalIsAWSService) and the configured trusted accounts (aws:PrincipalAccount) exempt. The SCP
// rules hold: ownership by tag, 5 per target (RCPFullAWSAccess counts), 5,120 characters, and a lockout
// guard (rcp-lockout.ts). RCPs do not apply to the management account's resources.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BUILTIN_RCP_DIR } from '../../config/package-paths.ts'
import { policyProblems } from '../../config/policy-document.ts'
import type { Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import type { Module } from '../../engine/module.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { scpWeakens } from '../scp/weakening.ts'
import { applyOrgPolicyChange } from './apply.ts'
import { diffOrgPolicies, limitProblems, ownershipProblems } from './diff.ts'
import type { PolicyKind, WantedPolicy } from './kind.ts'
import { observeOrgPolicies } from './observe.ts'
import type { OrgPolicyObserved } from './observed.ts'
import { policyTypePermissions } from './permissions.ts'
import { rcpLockoutProblems } from './rcp-lockout.ts'

export const RCPS: PolicyKind = {
  type: 'RESOURCE_CONTROL_POLICY',
  module: 'rcps',
  noun: 'RCP',
  managedEverywhere: 'RCPFullAWSAccess',
  maxCharacters: 5120,
}

export const PERIMETER_NAME = 'org-baseline-data-perimeter'
// biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder in the shipped RCP, expanded here
const TRUSTED = '${TrustedAccountId}'

/** Expands `${TrustedAccountId}` once per trusted account; a condition key left with no value is dropped. */
export function expandTrusted(value: unknown, trusted: readonly string[]): unknown {
  if (Array.isArray(value))
    return value.flatMap((item) => (item === TRUSTED ? [...trusted] : [expandTrusted(item, trusted)]))
  if (typeof value !== 'object' || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(value)) {
    const expanded = expandTrusted(item, trusted)
    if (Array.isArray(expanded) && expanded.length === 0 && Array.isArray(item) && item.includes(TRUSTED))
      continue
    out[key] = expanded
  }
  return out
}

export async function wantedRcps(desired: Desired): Promise<WantedPolicy[]> {
  const config = desired.config.resourceControlPolicies
  if (!config.enabled) return []
  const text = await readFile(join(BUILTIN_RCP_DIR, 'data-perimeter.json'), 'utf8')
  const document = expandTrusted(JSON.parse(text), config.trustedAccounts)
  const problems = policyProblems(document, { principal: true })
  if (problems.length > 0) throw new PlanRefusal(problems.map((p) => `${PERIMETER_NAME}: ${p}`).join('\n'))
  return [
    {
      name: PERIMETER_NAME,
      document,
      minified: JSON.stringify(document),
      targets: desired.orgPolicyTargets?.rcps ?? [],
      source: `shipped with org-baseline: rcps/data-perimeter.json${config.trustedAccounts.length ? `, trusted accounts ${config.trustedAccounts.join(', ')}` : ''}`,
    },
  ]
}

function notes(desired: Desired): Note[] {
  if (!desired.config.resourceControlPolicies.enabled) return []
  const m = desired.management
  return [
    {
      module: RCPS.module,
      level: 'warning',
      account: m.id,
      message: `RCPs do not apply to resources in the management account ${m.name} (${m.id}) (Organizations user guide, "Resource control policies (RCPs)"): its buckets, keys and roles stay outside the data perimeter — keep data out of it.`,
    },
    {
      module: RCPS.module,
      level: 'info',
      message:
        'lockout guard: every RCP on the path of the log archive, security tooling and each guarded account (existing ones included) was judged for CloudTrail and Config writing to the log buckets and the log key, EventBridge using the findings key, and the tool role assuming the member, bootstrap and break-glass roles. Service-linked roles (StackSets) are not restricted by RCPs.',
    },
  ]
}

export const rcps: Module<OrgPolicyObserved> = {
  name: RCPS.module,
  permissions: policyTypePermissions(RCPS.type),
  // Opt-in; off, it still runs while RCPs are enabled, so the perimeter it made is planned for removal.
  enabled: (desired) =>
    desired.config.resourceControlPolicies.enabled ||
    (desired.org?.enabledPolicyTypes.includes(RCPS.type) ?? true),
  observe: async (ctx) => observeOrgPolicies(RCPS, ctx, await wantedRcps(ctx.desired)),
  diff: (desired, observed) => {
    const changes = diffOrgPolicies(RCPS, desired, observed, scpWeakens)
    const refusals = [
      ...ownershipProblems(RCPS, observed),
      ...rcpLockoutProblems(desired, observed),
      ...limitProblems(RCPS, desired, observed, changes),
    ]
    if (refusals.length > 0) throw new PlanRefusal(refusals.join('\n'))
    return changes
  },
  notes,
  fingerprint: (desired) => ({
    rcps: desired.config.resourceControlPolicies,
    targets: desired.orgPolicyTargets?.rcps.map((t) => t.id),
  }),
  apply: (change, ctx) => applyOrgPolicyChange(RCPS, change, ctx, () => wantedRcps(ctx.desired)),
}
