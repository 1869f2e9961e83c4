// Which template changes turn a protection off or narrower (issue 11, item 5), judged from the template
// diff: a resource removed or replaced; a protection switch turned off; a rule disabled; a retention
// shortened; an event selector removed; a policy document that may now allow more (an Allow statement
// added or edited, a Deny removed or edited). Conservative on policies: an edit in place is assumed to
// widen access, because telling otherwise needs the evaluator and the reviewer should look anyway.
import type { PropertyChange, TemplateDiff } from '../../engine/template-diff.ts'

/** Boolean properties of the baseline's resource types whose `true` is the protection. */
const SWITCHES = new Set([
  'EnableLogFileValidation',
  'IsMultiRegionTrail',
  'IncludeGlobalServiceEvents',
  'IsLogging',
  'IsOrganizationTrail',
  'AllSupported',
  'IncludeGlobalResourceTypes',
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
  'EnableKeyRotation',
  'TerminationProtectionEnabled',
  'MultiRegionEnabled',
  'OrganizationEnabled',
])
const RETENTION = /^(RetentionPeriod|ExpirationInDays|RetentionInDays|NoncurrentDays)$/
const POLICY = /\/(PolicyDocument|KeyPolicy|AssumeRolePolicyDocument)\//
const SELECTORS = /\/(EventSelectors|AdvancedEventSelectors|DataResources)\//

const lastKey = (path: string) => path.slice(path.lastIndexOf('/') + 1)
const effectOf = (v: unknown) =>
  typeof v === 'object' && v !== null ? (v as { Effect?: unknown }).Effect : undefined
const isStatement = (path: string) => /\/Statement\/\d+$/.test(path)

function propertyWeakens(id: string, c: PropertyChange): string | null {
  const key = lastKey(c.path)
  const where = `${id} ${c.path}`
  if (SWITCHES.has(key) && c.before === true && c.after !== true)
    return `${where}: turns ${key} off (true → ${c.after === undefined ? 'unset' : JSON.stringify(c.after)})`
  if (key === 'State' && c.before === 'ENABLED' && c.after !== 'ENABLED')
    return `${where}: disables the rule (ENABLED → ${c.after === undefined ? 'unset' : JSON.stringify(c.after)})`
  if (
    RETENTION.test(key) &&
    typeof c.before === 'number' &&
    typeof c.after === 'number' &&
    c.after < c.before
  )
    return `${where}: shortens retention (${c.before} → ${c.after})`
  if (SELECTORS.test(`${c.path}/`) && c.before !== undefined && c.after === undefined)
    return `${where}: removes an event selector`
  if (POLICY.test(c.path)) {
    if (isStatement(c.path) && c.after === undefined && effectOf(c.before) === 'Allow') return null
    if (isStatement(c.path) && c.before === undefined && effectOf(c.after) === 'Deny') return null
    return isStatement(c.path) && c.after === undefined
      ? `${where}: removes a Deny statement`
      : `${where}: the policy may allow more (a statement was ${c.before === undefined ? 'added' : 'changed'})`
  }
  return null
}

export function templateWeakens(diff: TemplateDiff): string[] {
  const found: string[] = []
  for (const r of diff.resources) {
    if (r.action === 'removed') found.push(`removes ${r.logicalId} (${r.type})`)
    else if (r.action === 'type-changed')
      found.push(`replaces ${r.logicalId} (${r.typeBefore} → ${r.type}): CloudFormation deletes the old one`)
    else if (r.action === 'modified')
      for (const c of r.changes ?? []) {
        const what = propertyWeakens(r.logicalId, c)
        if (what) found.push(what)
      }
  }
  return found
}
