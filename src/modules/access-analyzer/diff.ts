// The pure half of the access-analyzer module. On: an external-access organization analyzer in every target
// region, an unused-access one in the home region (when configured) with the configured age, the
// configured archive rules on each (rules the config does not name are removed: they would hide findings).
// Off: the tool's analyzers are deleted and the administrator deregistered (destructive: the organization
// loses its findings). Drift is told by the engine's applied marks (fingerprint in index.ts).
import { isDeepStrictEqual } from 'node:util'
import type { Change, Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { delegatedAdminAddress } from '../delegated-admins.ts'
import { trustedAccessAddress } from '../trusted-access.ts'
import {
  type AccessAnalyzerObserved,
  ANALYZERS,
  type AnalyzerKind,
  type AnalyzerState,
  analyzerAddress,
  archiveRuleAddress,
  canonicalFilter,
  deregistrationAddress,
  type Filter,
  MODULE,
  type RegionObserved,
  SERVICE_PRINCIPAL,
} from './observed.ts'

export interface AnalyzerCreate extends AnalyzerState {
  rules: Record<string, Filter>
}

/** The analyzers the config asks for in a region, with their rules. */
export function wantedAnalyzers(
  desired: Desired,
  region: string,
): Partial<Record<AnalyzerKind, AnalyzerCreate>> {
  const c = desired.config.accessAnalyzer
  if (!c.enabled) return {}
  const rulesFor = (kind: AnalyzerKind) =>
    Object.fromEntries(
      c.archiveRules.filter((r) => r.analyzer === kind).map((r) => [r.name, canonicalFilter(r.filter)]),
    )
  const out: Partial<Record<AnalyzerKind, AnalyzerCreate>> = {
    external: { ...ANALYZERS.external, rules: rulesFor('external') },
  }
  if (c.unusedAccess.enabled && region === desired.config.homeRegion)
    out.unusedAccess = {
      ...ANALYZERS.unusedAccess,
      unusedAccessAge: c.unusedAccess.age,
      rules: rulesFor('unusedAccess'),
    }
  return out
}

const WHAT: Record<AnalyzerKind, string> = {
  external: 'external access organization analyzer',
  unusedAccess: 'unused access organization analyzer',
}

function regionChanges(desired: Desired, r: RegionObserved): Change[] {
  const admin = desired.securityTooling
  const { region } = r
  const wanted = wantedAnalyzers(desired, region)
  const changes: Change[] = []
  const base = { module: MODULE, account: admin.id, region }
  for (const kind of Object.keys(ANALYZERS) as AnalyzerKind[]) {
    const want = wanted[kind]
    const have = r.analyzers[kind]
    const address = analyzerAddress(kind, region)
    if (!want && have) {
      changes.push({
        ...base,
        address,
        action: 'delete',
        before: { name: have.name, type: have.type },
        after: null,
        reason: `the config ${desired.config.accessAnalyzer.enabled ? 'no longer asks for the' : 'turns IAM Access Analyzer off: delete the'} ${WHAT[kind]} ${have.name} in ${region} — its findings are deleted with it`,
        dependsOn: [],
        destructive: true,
      })
      continue
    }
    if (!want) continue
    if (!have) {
      changes.push({
        ...base,
        address,
        action: 'create',
        before: null,
        after: want,
        reason: `create the ${WHAT[kind]} ${want.name} in ${region} from ${admin.name} (delegated administrator)${Object.keys(want.rules).length ? `, with archive rules ${Object.keys(want.rules).join(', ')}` : ''}`,
        dependsOn: [
          trustedAccessAddress(SERVICE_PRINCIPAL),
          delegatedAdminAddress(SERVICE_PRINCIPAL, admin.id),
        ],
        destructive: false,
      })
      continue
    }
    if (have.unusedAccessAge !== want.unusedAccessAge) {
      const before = { unusedAccessAge: have.unusedAccessAge }
      const after = { unusedAccessAge: want.unusedAccessAge }
      const longer = (want.unusedAccessAge ?? 0) > (have.unusedAccessAge ?? 0)
      changes.push({
        ...base,
        address,
        action: 'update',
        before,
        after,
        reason: `unused access age of ${have.name} in ${region}: ${have.unusedAccessAge} → ${want.unusedAccessAge} days`,
        dependsOn: [],
        destructive: longer,
        ...(longer
          ? {
              weakens: [
                `access unused for ${have.unusedAccessAge}–${want.unusedAccessAge} days is no longer reported`,
              ],
            }
          : {}),
      })
    }
    for (const [rule, filter] of Object.entries(want.rules)) {
      const current = have.rules[rule]
      if (isDeepStrictEqual(current, filter)) continue
      changes.push({
        ...base,
        address: archiveRuleAddress(kind, region, rule),
        action: current ? 'update' : 'create',
        before: current ? { filter: current } : null,
        after: { filter },
        reason: `${current ? 'the filter of archive rule' : 'add archive rule'} ${rule} on ${have.name} in ${region}${current ? ' differs from the config' : ''}`,
        dependsOn: [],
        destructive: false,
      })
    }
    for (const [rule, filter] of Object.entries(have.rules)) {
      if (rule in want.rules) continue
      changes.push({
        ...base,
        address: archiveRuleAddress(kind, region, rule),
        // Deleting an archive rule hides nothing: new findings it would have archived are shown.
        action: 'delete',
        before: { filter },
        after: null,
        reason: `archive rule ${rule} on ${have.name} in ${region} is not in the config: its matching findings are archived unseen`,
        dependsOn: [],
        destructive: false,
      })
    }
  }
  return changes
}

export function diffAccessAnalyzer(desired: Desired, observed: AccessAnalyzerObserved): Change[] {
  const changes = observed.regions.filter((r) => r.regionEnabled).flatMap((r) => regionChanges(desired, r))
  const admin = desired.securityTooling
  if (!desired.config.accessAnalyzer.enabled && observed.registered.includes(admin.id)) {
    changes.push({
      address: deregistrationAddress(admin.id),
      module: MODULE,
      action: 'delete',
      account: admin.id,
      before: { servicePrincipal: SERVICE_PRINCIPAL, accountId: admin.id },
      after: null,
      reason: `IAM Access Analyzer is turned off: deregister ${admin.name} as its delegated administrator, after its analyzers are deleted`,
      dependsOn: changes
        .filter((c) => c.action === 'delete' && !c.address.includes('archive-rule'))
        .map((c) => c.address),
      destructive: true,
    })
  }
  return changes
}

export function accessAnalyzerNotes(desired: Desired, observed: AccessAnalyzerObserved): Note[] {
  const admin = desired.securityTooling
  const notes: Note[] = []
  for (const r of observed.regions) {
    if (!r.regionEnabled && desired.config.accessAnalyzer.enabled)
      notes.push({
        module: MODULE,
        level: 'warning',
        region: r.region,
        account: admin.id,
        message: `${admin.name} (${admin.id}) has not enabled ${r.region}: no organization analyzer there until it does`,
      })
    for (const a of Object.values(r.analyzers))
      if (a && a.status === 'DISABLED')
        notes.push({
          module: MODULE,
          level: 'warning',
          region: r.region,
          account: admin.id,
          message: `analyzer ${a.name} in ${r.region} is DISABLED (${a.statusReason ?? 'no reason given'}): it reports nothing; delete it and plan again to recreate it`,
        })
  }
  if (desired.config.accessAnalyzer.enabled)
    notes.push({
      module: MODULE,
      level: 'info',
      message: `organization analyzers cover every account of the organization, the management account included, whatever the deployment targets (IAM User Guide, "IAM Access Analyzer": the zone of trust is the organization)`,
    })
  return notes
}
