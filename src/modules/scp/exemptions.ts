// The plan's note per SCP on who it exempts and why: every role named in an ArnNotLike / ArnNotEquals
// `aws:PrincipalArn` exception, explained from the config, and whether the SCP also denies creating or
// re-trusting a role of that name — an exemption whose name a member-account admin can create is a bypass.
import type { PolicyDocument, PolicyStatement } from '../../config/policy-document.ts'
import type { Note } from '../../engine/change.ts'

export interface AccessRoles {
  memberRoleName: string
  bootstrapRoleName: string
  breakGlassRoles: readonly string[]
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)])
const ROLE = /^arn:aws:iam::[^:]*:role\/(.+)$/

function exemptRoles(statement: PolicyStatement): string[] {
  const names: string[] = []
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    if (!/^ArnNot(Like|Equals)$/.test(operator)) continue
    for (const [key, value] of Object.entries(entries)) {
      if (key.toLowerCase() !== 'aws:principalarn') continue
      for (const arn of list(value)) {
        const match = ROLE.exec(arn)
        if (match?.[1]) names.push(match[1])
      }
    }
  }
  return names
}

/** A Deny statement that stops creating and re-trusting a role with this name (CT.IAM.PV.1 pattern). */
function isProtected(document: PolicyDocument, name: string): boolean {
  return document.Statement.some((statement) => {
    if (statement.Effect !== 'Deny') return false
    const actions = list(statement.Action).map((a) => a.toLowerCase())
    const covers = (action: string) => actions.includes(action) || actions.includes('iam:*')
    return (
      covers('iam:createrole') &&
      covers('iam:updateassumerolepolicy') &&
      list(statement.Resource).some((r) => r.endsWith(`:role/${name}`))
    )
  })
}

function why(name: string, access: AccessRoles): string {
  if (name === access.memberRoleName && name === access.bootstrapRoleName)
    return 'the role the tool acts through in member accounts (bootstrap role too), trusted only by the management account'
  if (name === access.memberRoleName)
    return 'the role the tool acts through in member accounts, trusted only by the management account'
  if (name === access.bootstrapRoleName)
    return 'the bootstrap and fallback role Organizations creates, trusted by the management account'
  if (name.startsWith('stacksets-exec-'))
    return "StackSets' execution roles, made by its service-linked role (not subject to SCPs), that deploy the baseline's stacks"
  if (access.breakGlassRoles.includes(name)) return 'a break-glass role (access.breakGlassRoles)'
  return 'named in the policy file; the config does not explain it'
}

export function exemptionNote(name: string, document: PolicyDocument, access: AccessRoles): Note {
  const roles = [...new Set(document.Statement.flatMap(exemptRoles))]
  if (roles.length === 0) return { module: 'scp', level: 'info', message: `SCP ${name} exempts no role.` }
  const unprotected = roles.filter((role) => !isProtected(document, role))
  const lines = roles.map((role) => `${role}: ${why(role, access)}`)
  const protection =
    unprotected.length === 0
      ? 'each name is protected: the SCP denies creating, re-trusting or changing a role with it to everyone but the roles that manage them'
      : `not protected by this SCP: ${unprotected.join(', ')} — a member-account admin who can create a role with that name could walk around it`
  return {
    module: 'scp',
    level: unprotected.length === 0 ? 'info' : 'warning',
    message: `SCP ${name} exempts ${lines.join('; ')}. The tool's own role needs no exemption: it works from the management account, where SCPs never apply. ${protection[0]?.toUpperCase()}${protection.slice(1)}.`,
  }
}
