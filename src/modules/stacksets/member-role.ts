// The member role's stack set (stacksets/member-role.yaml): its permissions are the `iam-policy --role member`
// policy for the config, written into the template where the shipped file holds a deny-all placeholder, so
// the role and the printed policy come from one source (src/iam/configured-policy.ts) and a module switched on
// or off shows as a change of this stack set. Everything that acts through the member role waits for it.
import { stringify } from 'yaml'
import type { Baseline } from '../../config/baseline.ts'
import type { Change } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import { OrgBaselineError } from '../../errors.ts'
import { isDelegated } from './admin.ts'
import { instancesAddress, repairAddress, stackSetAddress, type TemplateName } from './catalogue.ts'
import { knownParse, parsedTemplate } from './parsed-templates.ts'

export const MEMBER_ROLE_TEMPLATE: TemplateName = 'member-role'
/** Ends the line whose block the tool replaces with the member policy. */
export const MEMBER_POLICY_MARKER = '# org-baseline:member-policy'

const indentOf = (line: string) => line.length - line.trimStart().length

/** The template with `policy` in place of the placeholder block under the marker line. */
export function withMemberPolicy(body: string, policy: object): string {
  const lines = body.split('\n')
  const marked = lines.flatMap((l, i) => (l.trimEnd().endsWith(MEMBER_POLICY_MARKER) ? [i] : []))
  const at = marked[0] ?? -1
  if (marked.length !== 1) {
    throw new OrgBaselineError(
      'Template',
      `member-role.yaml must hold exactly one line ending in "${MEMBER_POLICY_MARKER}" (the PolicyDocument the tool fills in)`,
    )
  }
  const marker = lines[at] ?? ''
  const indent = indentOf(marker)
  let end = at + 1
  while (end < lines.length && (lines[end]?.trim() === '' || indentOf(lines[end] ?? '') > indent)) end++
  // Keep blank lines that separate the block from what follows.
  while (end > at + 1 && lines[end - 1]?.trim() === '') end--
  const key = marker.slice(0, marker.indexOf(MEMBER_POLICY_MARKER)).trimEnd()
  const pad = ' '.repeat(indent + 2)
  // Every value double-quoted: CloudFormation reads YAML 1.1, where a bare 2012-10-17 may be a date.
  const block = stringify(policy, {
    lineWidth: 0,
    defaultStringType: 'QUOTE_DOUBLE',
    defaultKeyType: 'PLAIN',
  })
    .trimEnd()
    .split('\n')
    .map((l) => `${pad}${l}`)
  return [
    ...lines.slice(0, at),
    `${key} # generated: org-baseline iam-policy --role member`,
    ...block,
    ...lines.slice(end),
  ].join('\n')
}

/** The Sid of the shipped template's placeholder statement, which the member policy replaces. */
export const PLACEHOLDER_SID = 'PlaceholderUntilTheToolWritesTheMemberPolicy'

/**
 * The rendered template's parse, from the shipped one's: the placeholder document replaced by the policy —
 * what parsing the rendered text gives, since every value was written double-quoted (test/unit/modules/
 * member-role-parse.test.ts). Undefined when the placeholder is not found exactly once.
 */
export function parseWithMemberPolicy(
  shipped: Record<string, unknown>,
  policy: object,
): Record<string, unknown> | undefined {
  let found = 0
  const replace = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(replace)
    if (value === null || typeof value !== 'object') return value
    const statements = (value as { Statement?: unknown }).Statement
    if (Array.isArray(statements) && (statements[0] as { Sid?: unknown })?.Sid === PLACEHOLDER_SID) {
      found++
      return structuredClone(policy)
    }
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, replace(v)]))
  }
  const parsed = replace(shipped) as Record<string, unknown>
  return found === 1 ? parsed : undefined
}

/** The template as deployed: the member role's gets the config's member policy; the others are as read. */
export async function renderTemplate(name: TemplateName, body: string, baseline: Baseline): Promise<string> {
  if (name !== MEMBER_ROLE_TEMPLATE) return body
  // Imported when needed: the policy is built from every module, and the modules import this one.
  const { configuredPolicy } = await import('../../iam/configured-policy.ts')
  const policy = configuredPolicy(baseline, 'member')
  const rendered = withMemberPolicy(body, policy)
  const parsed = parseWithMemberPolicy(parsedTemplate(body), policy)
  if (parsed) knownParse(rendered, parsed)
  return rendered
}

/** The member role's changes, which whatever acts through the member role waits for. */
export const MEMBER_ROLE_ADDRESSES = [
  stackSetAddress(MEMBER_ROLE_TEMPLATE),
  instancesAddress(MEMBER_ROLE_TEMPLATE),
  repairAddress(MEMBER_ROLE_TEMPLATE),
]

// Modules that act in member accounts (through the member role); the others act only from the management
// account, whatever account their change is about (a delegated-admin registration names the admin).
const ACTS_IN_MEMBER_ACCOUNTS = new Set([
  'guardduty',
  'security-hub',
  'config-aggregator',
  'stacksets',
  'findings-routing',
])

/**
 * Every change made through the member role depends on the member role's changes in the plan: created first,
 * and updated first when the policy grows (a module switched on needs its permissions before it acts). A
 * change the member role's changes themselves wait for is left alone, so no cycle can form.
 */
export function orderAfterMemberRole(changes: Change[], desired: Desired): Change[] {
  const byAddress = new Map(changes.map((c) => [c.address, c]))
  const first = MEMBER_ROLE_ADDRESSES.filter((a) => byAddress.has(a))
  if (first.length === 0) return changes
  const before = new Set<string>()
  const visit = (address: string) => {
    for (const dep of byAddress.get(address)?.dependsOn ?? []) {
      if (before.has(dep)) continue
      before.add(dep)
      visit(dep)
    }
  }
  for (const address of first) visit(address)
  const management = desired.management.id
  const delegated = isDelegated(desired)
  const usesMemberRole = (c: Change) =>
    ACTS_IN_MEMBER_ACCOUNTS.has(c.module) &&
    ((c.account !== undefined && c.account !== management) ||
      (delegated && c.module === 'stacksets' && /^stackset/.test(c.address)))
  return changes.map((c) =>
    MEMBER_ROLE_ADDRESSES.includes(c.address) || before.has(c.address) || !usesMemberRole(c)
      ? c
      : { ...c, dependsOn: [...new Set([...c.dependsOn, ...first])] },
  )
}

/**
 * `apply --only`: the member role is the tool's own way in, not a module's business. The member role's changes
 * that a selected change waits for are applied too (with what they wait for), so `--only guardduty` after a
 * policy change does not act through a role that lacks the new permissions, nor get skipped for it.
 */
export function withMemberRole(selected: Change[], all: readonly Change[]): Change[] {
  const byAddress = new Map(all.map((c) => [c.address, c]))
  const wanted = new Set(selected.map((c) => c.address))
  const pending = selected.flatMap((c) => c.dependsOn).filter((a) => MEMBER_ROLE_ADDRESSES.includes(a))
  const added = new Set<string>()
  while (pending.length > 0) {
    const address = pending.pop() as string
    const change = byAddress.get(address)
    if (!change || wanted.has(address) || added.has(address)) continue
    added.add(address)
    pending.push(...change.dependsOn)
  }
  return all.filter((c) => wanted.has(c.address) || added.has(c.address))
}
