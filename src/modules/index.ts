// Every module of the baseline. Order here is only the order of output; what must happen first is
// declared on each change (dependsOn).
import type { Module } from '../engine/module.ts'
import { configAggregator } from './config-aggregator/index.ts'
import { delegatedAdmins } from './delegated-admins.ts'
import { findingsRouting } from './findings-routing/index.ts'
import { guardDuty } from './guardduty/index.ts'
import { rootAccess } from './root-access/index.ts'
import { scp } from './scp/index.ts'
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
] as Module[]
