// What the stacksets and findings-routing modules make true, for telling drift from config changes: the
// settings they read and the templates themselves — an edited template is a change, not drift.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Desired } from '../../engine/desired.ts'
import { findingsRoutingStack, plannedStackSets, plannedStacks, type TemplateName } from './catalogue.ts'
import { stackSetTargets } from './targets.ts'
import { templateHash } from './template-hash.ts'

function templates(desired: Desired, names: TemplateName[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of [...new Set(names)].sort()) {
    try {
      out[name] = templateHash(readFileSync(join(desired.baseline.templateDir, `${name}.yaml`), 'utf8'))
    } catch {
      out[name] = 'unreadable'
    }
  }
  return out
}

/** Every on/off setting of the config, by path: what decides which modules run, and so the member policy. */
function switches(value: unknown, path = ''): Record<string, boolean> {
  if (typeof value === 'boolean') return { [path]: value }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return {}
  return Object.assign(
    {},
    ...Object.entries(value).map(([k, v]) => switches(v, path ? `${path}.${k}` : k)),
  ) as Record<string, boolean>
}

export function stacksetsFingerprint(desired: Desired): unknown {
  const sets = plannedStackSets(desired)
  const stacks = plannedStacks(desired)
  return {
    stackSets: sets.map((s) => ({ template: s.template, regions: s.regions, parameters: s.parameters })),
    stacks: stacks.map((s) => ({
      template: s.template,
      account: s.account,
      region: s.region,
      parameters: s.parameters,
    })),
    targets: stackSetTargets(desired).ous,
    excluded: stackSetTargets(desired).excludedAccounts,
    administrator: desired.config.stackSets,
    // The member role's policy follows the modules switched on (member-role.ts renders it from the config).
    memberPolicy: { access: desired.config.access, switches: switches(desired.config) },
    templates: templates(
      desired,
      [...sets, ...stacks].map((s) => s.template),
    ),
  }
}

export function findingsRoutingFingerprint(desired: Desired): unknown {
  const spec = findingsRoutingStack(desired)
  return spec ? { spec, templates: templates(desired, [spec.template]) } : null
}
