// Tells drift from config changes without local state. After a run leaves a module fully applied, the
// tool tags the organization root with a fingerprint of that module's desired state. Next time, if the
// config still has the same fingerprint, every difference the module finds moved out of band: drift. If
// the fingerprint changed, the differences are (at least partly) the config's doing: changes.
import { createHash } from 'node:crypto'
import { TagResourceCommand } from '@aws-sdk/client-organizations'
import type { AwsClients } from '../aws/clients.ts'
import { readOrganizationTags } from '../aws/organization-tags.ts'
import { retryConflicts } from '../aws/retry-conflicts.ts'
import type { Change } from './change.ts'
import type { Desired } from './desired.ts'
import type { Module } from './module.ts'

export const APPLIED_TAG_PREFIX = 'org-baseline:applied:'

/** What a module is asked to make true: by default the whole resolved config (any edit counts). */
export function fingerprint(module: Module, desired: Desired): string {
  const basis = module.fingerprint?.(desired) ?? {
    config: desired.baseline.config,
    scps: desired.scps.map((s) => s.minified),
  }
  return createHash('sha256').update(JSON.stringify(basis)).digest('hex').slice(0, 32)
}

/** Module name → fingerprint recorded when it was last fully applied. */
export async function readAppliedMarks(aws: AwsClients, rootId: string): Promise<Map<string, string>> {
  const tags = await readOrganizationTags(aws.organizations(), rootId)
  return new Map(
    [...tags]
      .filter(([key]) => key.startsWith(APPLIED_TAG_PREFIX))
      .map(([key, value]) => [key.slice(APPLIED_TAG_PREFIX.length), value]),
  )
}

/** Records the fingerprints of modules that are now fully applied; writes only what changed. */
export async function writeAppliedMarks(
  aws: AwsClients,
  rootId: string,
  current: Map<string, string>,
  applied: Map<string, string>,
): Promise<void> {
  const tags = [...applied]
    .filter(([module, value]) => current.get(module) !== value)
    .map(([module, value]) => ({ Key: `${APPLIED_TAG_PREFIX}${module}`, Value: value }))
  if (tags.length === 0) return
  await retryConflicts(() =>
    aws.organizations().send(new TagResourceCommand({ ResourceId: rootId, Tags: tags })),
  )
}

/** Fingerprints of the planned modules whose every change was applied this run (in-sync modules included). */
export function fullyApplied(
  planned: readonly Module[],
  desired: Desired,
  outcomes: readonly { change: Change; outcome: { status: string } }[],
  selected?: ReadonlySet<string>,
): Map<string, string> {
  const marks = new Map<string, string>()
  for (const module of planned) {
    if (selected && !selected.has(module.name)) continue
    const mine = outcomes.filter((o) => o.change.module === module.name)
    if (mine.every((o) => o.outcome.status === 'applied'))
      marks.set(module.name, fingerprint(module, desired))
  }
  return marks
}
