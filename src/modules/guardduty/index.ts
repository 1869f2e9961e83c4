// Module `guardduty`: the security tooling account as GuardDuty organization admin in every target region,
// its detector, the organization configuration (auto-enable and features, off means off) and the
// management account as a member.
import type { Module } from '../../engine/module.ts'
import { applyGuardDutyChange } from './apply.ts'
import { diffGuardDuty, guardDutyNotes } from './diff.ts'
import { observeGuardDuty } from './observe.ts'
import type { GuardDutyObserved } from './observed.ts'

export const guardDuty: Module<GuardDutyObserved> = {
  name: 'guardduty',
  enabled: (desired) => desired.config.guardDuty.enabled,
  observe: observeGuardDuty,
  diff: diffGuardDuty,
  notes: guardDutyNotes,
  apply: applyGuardDutyChange,
}
