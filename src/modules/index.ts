// Every module of the baseline. Order here is only the order of output; what must happen first is
// declared on each change (dependsOn).
import type { Module } from '../engine/module.ts'
import { accessAnalyzer } from './access-analyzer/index.ts'
import { configAggregator } from './config-aggregator/index.ts'
import { delegatedAdmins } from './delegated-admins.ts'
import { findingsRouting } from './findings-routing/index.ts'
import { guardDuty } from './guardduty/index.ts'
import { inspector } from './inspector/index.ts'
import { declarativePolicies } from './org-policies/declarative-ec2.ts'
import { rcps } from './org-policies/rcp.ts'
import { rootAccess } from './root-access/index.ts'
import { scp } from './scp/index.ts'
import { securityContacts } from './security-contacts/index.ts'
import { securityHub } from './security-hub/index.ts'
import { stacksets } from './stacksets/index.ts'
import { trustedAccess } from './trusted-access.ts'

export const MODULES: readonly Module[] = [
  trustedAccess,
  delegatedAdmins,
  scp,
  rootAccess,
  guardDuty,
  securityHub,
  configAggregator,
  stacksets,
  findingsRouting,
  inspector,
  // org-policies (issue 15 items 3-4)
  declarativePolicies,
  rcps,
  accessAnalyzer,
  securityContacts,
] as Module[]

/**
 * Modules whose changes another module's changes wait for (the `dependsOn` addresses each module writes):
 * `--only` observes these too, so the plan can say what a selected change waits for.
 */
export const MODULE_DEPENDENCIES: Readonly<Record<string, readonly string[]>> = {
  'trusted-access': [],
  'delegated-admins': ['trusted-access'],
  scp: [],
  'root-access': ['trusted-access'],
  guardduty: ['trusted-access'],
  'security-hub': ['trusted-access', 'stacksets'],
  'config-aggregator': ['trusted-access', 'delegated-admins'],
  stacksets: ['trusted-access', 'delegated-admins'],
  'findings-routing': [],
  inspector: ['trusted-access'],
  // org-policies (issue 15 items 3-4)
  'declarative-policies': [],
  rcps: [],
  'access-analyzer': ['trusted-access', 'delegated-admins'],
  'security-contacts': ['trusted-access'],
}

/** The selected modules and everything they depend on, transitively. */
export function withDependencies(selected: Iterable<string>): Set<string> {
  const out = new Set<string>()
  const visit = (name: string) => {
    if (out.has(name)) return
    out.add(name)
    for (const dependency of MODULE_DEPENDENCIES[name] ?? []) visit(dependency)
  }
  for (const name of selected) visit(name)
  return out
}
