// Which SCP edits weaken the guardrail (issue 11, item 5). An SCP protects through its Deny statements
// (and, in an allow-list SCP, by what its Allow statements leave out), so an edit weakens it when a Deny
// statement goes, denies fewer actions or resources, gains a condition or has its condition changed (either
// can exempt principals), or when an Allow statement is added or widened. Statements are matched by Sid,
// else by position. A Deny losing its condition or gaining actions is stronger, not weaker.
import { isDeepStrictEqual } from 'node:util'

interface Statement {
  Sid?: string
  Effect?: string
  Action?: string | string[]
  NotAction?: string | string[]
  Resource?: string | string[]
  NotResource?: string | string[]
  Condition?: unknown
}

const statements = (doc: unknown): Statement[] => {
  const list = (doc as { Statement?: unknown } | null)?.Statement
  return (Array.isArray(list) ? list : list ? [list] : []) as Statement[]
}
const values = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v])
const lost = (before: string[], after: string[]) => before.filter((x) => !after.includes(x))
const label = (s: Statement, i: number) => (s.Sid ? `statement ${s.Sid}` : `statement ${i + 1}`)

function denyWeakens(b: Statement, a: Statement | undefined, name: string): string[] {
  if (a?.Effect !== 'Deny') return [`${name} no longer denies (removed or no longer a Deny)`]
  const found: string[] = []
  const actions = lost(values(b.Action), values(a.Action))
  if (actions.length > 0) found.push(`${name} no longer denies ${actions.join(', ')}`)
  const notActions = lost(values(a.NotAction), values(b.NotAction))
  if (notActions.length > 0) found.push(`${name} now exempts ${notActions.join(', ')} (NotAction)`)
  if (!isDeepStrictEqual(b.Resource, a.Resource) || !isDeepStrictEqual(b.NotResource, a.NotResource))
    found.push(`${name} applies to other resources`)
  if (a.Condition !== undefined && !isDeepStrictEqual(b.Condition, a.Condition))
    found.push(
      `${name} ${b.Condition === undefined ? 'gains' : 'has a changed'} condition: it may exempt more principals`,
    )
  return found
}

export function scpWeakens(before: unknown, after: unknown): string[] {
  const b = statements(before)
  const a = statements(after)
  const match = (s: Statement, i: number, list: Statement[]) =>
    s.Sid ? list.find((x) => x.Sid === s.Sid) : list[i]
  const found: string[] = []
  b.forEach((s, i) => {
    if (s.Effect === 'Deny') found.push(...denyWeakens(s, match(s, i, a), label(s, i)))
  })
  a.forEach((s, i) => {
    if (s.Effect !== 'Allow') return
    const old = match(s, i, b)
    if (old?.Effect !== 'Allow') found.push(`${label(s, i)} allows what it did not`)
    else if (!isDeepStrictEqual(old, s)) found.push(`${label(s, i)} changed: it may allow more`)
  })
  return found
}
