// The small before/after objects of each Security Hub change. Diff builds them from what observe read;
// apply builds them again from a fresh read, so `recheck` compares like with like.
import type {
  AggregatorObserved,
  AssociationObserved,
  OrgConfigurationObserved,
  PolicyObserved,
} from './observed.ts'
import { POLICY_NAME } from './observed.ts'
import { standardLabels } from './standards.ts'
import type { PolicyTarget } from './targets.ts'

export const MODULE = 'security-hub'
/** The Config recorder stack set (module `stacksets`): Security Hub's controls read what Config records. */
export const CONFIG_RECORDERS = 'stackset.instances[config-recorder]'
export const TRUSTED_ACCESS = 'trusted-access[securityhub.amazonaws.com]'

export const addresses = {
  admin: (region: string) => `security-hub.admin[${region}]`,
  hub: (region: string) => `security-hub.hub[${region}]`,
  aggregator: (region: string) => `security-hub.aggregator[${region}]`,
  orgConfig: (region: string) => `security-hub.org-config[${region}]`,
  policy: () => `security-hub.policy[${POLICY_NAME}]`,
  association: (target: PolicyTarget) => `security-hub.association[${POLICY_NAME}→${target.label}]`,
  standards: (region: string) => `security-hub.standards[${region}]`,
}

export const adminView = (accountId: string | null) => (accountId ? { accountId } : null)
export const hubView = (on: boolean) => (on ? { enabled: true } : null)

export interface AggregatorView {
  mode: string
  regions: string[]
}

export const aggregatorView = (a: AggregatorObserved | null): AggregatorView | null =>
  a ? { mode: a.mode, regions: a.regions } : null

/** Central configuration that settled FAILED is not in place: it plans (and applies) the switch again. */
export const centralView = (c: OrgConfigurationObserved | null) =>
  c
    ? { configurationType: c.status === 'FAILED' ? `${c.configurationType} (FAILED)` : c.configurationType }
    : null

export const localView = (c: OrgConfigurationObserved | null) =>
  c
    ? {
        configurationType: c.configurationType,
        autoEnable: c.autoEnable,
        autoEnableStandards: c.autoEnableStandards,
      }
    : null

export const policyView = (p: PolicyObserved | null) =>
  p ? { name: p.name, serviceEnabled: p.serviceEnabled, standards: standardLabels(p.standards) } : null

/** What is applied to a target: null when it only inherits (or nothing is applied). */
export function associationView(
  target: PolicyTarget,
  a: AssociationObserved | undefined,
  policy: PolicyObserved | null,
) {
  // An association that settled FAILED does not apply the policy: it is planned again.
  if (a?.associationType !== 'APPLIED' || a.status === 'FAILED') return null
  return { target: target.label, policy: policy && a.policyId === policy.id ? POLICY_NAME : a.policyId }
}

export const standardsView = (arns: string[]) => ({ standards: standardLabels(arns) })
