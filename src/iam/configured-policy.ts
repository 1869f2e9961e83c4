// The policy a role needs for a config: what `iam-policy` prints, and (for the member role) what the
// member-role stack set writes into org-baseline-member — one function, so the two cannot drift. Decided from
// the config alone, offline: a module whose `enabled` needs the live organization is counted in.
import type { OrgConfig } from '../config/schema.ts'
import type { Desired } from '../engine/desired.ts'
import { MODULES } from '../modules/index.ts'
import { buildPolicy, type PolicyDocument, type RoleKind, toolActions } from './tool-policy.ts'

export function configuredPolicy(
  baseline: { config: OrgConfig; scps?: unknown },
  role: RoleKind,
): PolicyDocument {
  const { access, cloudTrail } = baseline.config
  // Which modules run depends on the config alone, not on AWS: enough of Desired to ask them.
  const desired = { config: baseline.config, scps: baseline.scps, baseline } as unknown as Desired
  return buildPolicy(toolActions(MODULES, desired, role), access.memberRoleName, role, {
    names: {
      toolRoleName: access.toolRoleName,
      bootstrapRoleName: access.bootstrapRoleName,
      trailName: cloudTrail.name,
    },
  })
}
