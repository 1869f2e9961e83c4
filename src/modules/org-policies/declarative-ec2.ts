// Module `declarative-policies`: the EC2 declarative baseline shipped in declarative/ec2-baseline.json
// (IMDSv2 required, public EBS snapshot and AMI sharing blocked, serial console off) attached where the
// config says (Root by default), and each configured exception as a child policy that relaxes named
// settings where it is attached (a child `@@assign` replaces the parent's: user guide, "Inheritance
// operators"). Unlike SCPs, a declarative policy attached at Root reaches the management account too.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { BUILTIN_DECLARATIVE_DIR } from '../../config/package-paths.ts'
import type { Ec2DeclarativeRelaxation } from '../../config/schema.ts'
import type { Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import type { Module } from '../../engine/module.ts'
import { PlanRefusal } from '../../engine/planner.ts'
import { applyOrgPolicyChange } from './apply.ts'
import { declarativeEc2Problems, EC2_ATTRIBUTE_VALUES } from './declarative-syntax.ts'
import { diffOrgPolicies, limitProblems, ownershipProblems } from './diff.ts'
import type { PolicyKind, WantedPolicy } from './kind.ts'
import { observeOrgPolicies } from './observe.ts'
import type { OrgPolicyObserved } from './observed.ts'
import { policyTypePermissions } from './permissions.ts'

export const DECLARATIVE_EC2: PolicyKind = {
  type: 'DECLARATIVE_POLICY_EC2',
  module: 'declarative-policies',
  noun: 'declarative policy',
  maxCharacters: 10_000,
}

export const BASELINE_NAME = 'org-baseline-ec2-baseline'
export const exceptionName = (name: string) => `org-baseline-ec2-${name}`

/** What each relaxation sets in an exception policy (the baseline's opposite). */
const RELAXED: Record<Ec2DeclarativeRelaxation, [attribute: string, field: string, value: string]> = {
  imdsv1: ['instance_metadata_defaults', 'http_tokens', 'optional'],
  publicSnapshots: ['snapshot_block_public_access', 'state', 'unblocked'],
  publicAmis: ['image_block_public_access', 'state', 'unblocked'],
  serialConsole: ['serial_console_access', 'status', 'enabled'],
}

export function exceptionDocument(allow: readonly Ec2DeclarativeRelaxation[]): unknown {
  const attributes: Record<string, Record<string, { '@@assign': string }>> = {}
  for (const relaxation of [...allow].sort()) {
    const [attribute, field, value] = RELAXED[relaxation]
    attributes[attribute] = { ...attributes[attribute], [field]: { '@@assign': value } }
  }
  return { ec2_attributes: attributes }
}

/** The baseline and its exceptions as the config asks for them (none when turned off). */
export async function wantedDeclarative(desired: Desired): Promise<WantedPolicy[]> {
  const config = desired.config.declarativePolicies.ec2
  if (!config.enabled) return []
  const targets = desired.orgPolicyTargets
  const baseline = JSON.parse(await readFile(join(BUILTIN_DECLARATIVE_DIR, 'ec2-baseline.json'), 'utf8'))
  const wanted: WantedPolicy[] = [
    {
      name: BASELINE_NAME,
      document: baseline,
      minified: JSON.stringify(baseline),
      targets: targets?.declarativeEc2 ?? [],
      source: 'shipped with org-baseline: declarative/ec2-baseline.json',
    },
    ...config.exceptions.map((exception, i) => {
      const document = exceptionDocument(exception.allow)
      return {
        name: exceptionName(exception.name),
        document,
        minified: JSON.stringify(document),
        targets: targets?.declarativeExceptions[i] ?? [],
        source: `declarativePolicies.ec2.exceptions[${i}]: allows ${exception.allow.join(', ')}`,
        relaxes: true,
      }
    }),
  ]
  const problems = wanted.flatMap((w) => declarativeEc2Problems(w.document).map((p) => `${w.name}: ${p}`))
  if (problems.length > 0) throw new PlanRefusal(problems.join('\n'))
  return wanted
}

/** Strictness of each value, higher is stricter (a setting moved down, or gone, weakens the baseline). */
const STRICTNESS: Record<string, number> = {
  required: 2,
  optional: 0,
  no_preference: 0,
  block_all_sharing: 2,
  block_new_sharing: 1,
  unblocked: 0,
  disabled: 1,
  enabled: 0,
}

function assigned(document: unknown): Map<string, string> {
  const out = new Map<string, string>()
  const attributes = (document as { ec2_attributes?: Record<string, Record<string, unknown>> })
    ?.ec2_attributes
  for (const [attribute, fields] of Object.entries(attributes ?? {})) {
    if (!(attribute in EC2_ATTRIBUTE_VALUES)) continue
    for (const [field, node] of Object.entries(fields ?? {})) {
      const value = (node as { '@@assign'?: unknown })?.['@@assign']
      if (typeof value === 'string') out.set(`${attribute}.${field}`, value)
    }
  }
  return out
}

/** An assigned setting gone or made less strict; an exception that relaxes something more. */
export function declarativeWeakens(before: unknown, after: unknown): string[] {
  const b = assigned(before)
  const a = assigned(after)
  const found: string[] = []
  for (const [path, value] of b) {
    const next = a.get(path)
    if (next === undefined) {
      if ((STRICTNESS[value] ?? 0) > 0) found.push(`${path} is no longer set (was ${value})`)
    } else if ((STRICTNESS[next] ?? 0) < (STRICTNESS[value] ?? 0)) found.push(`${path}: ${value} → ${next}`)
  }
  for (const [path, value] of a) {
    if (!b.has(path) && (STRICTNESS[value] ?? 0) === 0) found.push(`${path} is now relaxed to ${value}`)
  }
  return found
}

function notes(desired: Desired): Note[] {
  const config = desired.config.declarativePolicies.ec2
  if (!config.enabled) return []
  const m = desired.management
  const atRoot = desired.orgPolicyTargets?.declarativeEc2.some((t) => t.kind === 'root') ?? false
  return [
    {
      module: DECLARATIVE_EC2.module,
      level: 'info',
      account: m.id,
      message: atRoot
        ? `declarative policies, unlike SCPs and RCPs, reach the management account ${m.name} (${m.id}): attached at Root, the EC2 baseline applies to every account including it — AWS: "When you attach a declarative policy to the organization root, all OUs and accounts in the organization inherit that policy" (Organizations user guide, "Understanding declarative policy inheritance"; no exception for the management account is stated there, while the SCP and RCP pages exclude it). EC2 there must work with IMDSv2, no public snapshots or AMIs and no serial console.`
        : `declarative policies, unlike SCPs, also apply to the management account ${m.name} (${m.id}) when attached to it or above it (Organizations user guide, "Understanding declarative policy inheritance"); the EC2 baseline is not attached at Root, so it reaches only the targets named.`,
    },
    {
      module: DECLARATIVE_EC2.module,
      level: 'info',
      message:
        'the EC2 baseline sets account attributes in every Region; instance metadata defaults apply to new launches only, and existing public snapshots become private (block_all_sharing) while existing public AMIs stay public (block_new_sharing) — AWS, "Declarative policy syntax and examples".',
    },
  ]
}

export const declarativePolicies: Module<OrgPolicyObserved> = {
  name: DECLARATIVE_EC2.module,
  permissions: policyTypePermissions(DECLARATIVE_EC2.type),
  // Off, it still runs while the type is enabled: policies it made are then planned for removal.
  enabled: (desired) =>
    desired.config.declarativePolicies.ec2.enabled ||
    (desired.org?.enabledPolicyTypes.includes(DECLARATIVE_EC2.type) ?? true),
  observe: async (ctx) => observeOrgPolicies(DECLARATIVE_EC2, ctx, await wantedDeclarative(ctx.desired)),
  diff: (desired, observed) => {
    const changes = diffOrgPolicies(DECLARATIVE_EC2, desired, observed, declarativeWeakens)
    const refusals = [
      ...ownershipProblems(DECLARATIVE_EC2, observed),
      ...limitProblems(DECLARATIVE_EC2, desired, observed, changes),
    ]
    if (refusals.length > 0) throw new PlanRefusal(refusals.join('\n'))
    return changes
  },
  notes,
  fingerprint: (desired) => ({
    ec2: desired.config.declarativePolicies.ec2,
    targets: desired.orgPolicyTargets?.declarativeEc2.map((t) => t.id),
  }),
  apply: (change, ctx) =>
    applyOrgPolicyChange(DECLARATIVE_EC2, change, ctx, () => wantedDeclarative(ctx.desired)),
}
