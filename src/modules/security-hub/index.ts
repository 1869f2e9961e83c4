// Module `security-hub`: the delegated administrator, the administrator's hub, cross-region finding
// aggregation, and central configuration (policy `org-baseline` on the configured targets) or local
// auto-enable per region.
import type { Module } from '../../engine/module.ts'
import { applySecurityHubChange } from './apply.ts'
import { diffSecurityHub } from './diff.ts'
import { securityHubNotes } from './notes.ts'
import { observeSecurityHub } from './observe.ts'
import type { SecurityHubObserved } from './observed.ts'

export const securityHub: Module<SecurityHubObserved> = {
  name: 'security-hub',
  enabled: (desired) => desired.config.securityHub.enabled,
  observe: (ctx) => observeSecurityHub(ctx.aws, ctx.desired),
  diff: diffSecurityHub,
  notes: securityHubNotes,
  apply: applySecurityHubChange,
}
