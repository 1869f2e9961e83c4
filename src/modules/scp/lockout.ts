// The lockout guard (DESIGN.md §8): before an SCP is attached or changed, prove that it does not deny the
// roles the baseline depends on what they need. Conditions on the principal ARN, root sessions and the
// requested region are evaluated exactly; any other condition might hold, so a statement carrying one
// counts as denying — the fix is an explicit ArnNotLike exception, which the message names.
import type { PolicyDocument, PolicyStatement } from '../../config/policy-document.ts'

export interface ProtectedRole {
  /** Role name as configured; its ARN in any member account is checked. */
  name: string
  why: string
  needs: string[]
}

const WRITES = [
  'guardduty:UpdateOrganizationConfiguration',
  'guardduty:DeleteDetector',
  'securityhub:UpdateOrganizationConfiguration',
  'securityhub:DisableSecurityHub',
  'config:PutConfigurationRecorder',
  'config:StopConfigurationRecorder',
  'cloudtrail:UpdateTrail',
  'cloudtrail:StopLogging',
  'cloudformation:UpdateStack',
  'cloudformation:DeleteStack',
  'events:PutRule',
  'events:DeleteRule',
  'sns:SetTopicAttributes',
  'iam:PassRole',
]
const READS = [
  'sts:GetCallerIdentity',
  'iam:GetAccountSummary',
  'guardduty:GetDetector',
  'securityhub:DescribeHub',
  'config:DescribeConfigurationRecorders',
  'cloudtrail:DescribeTrails',
  'cloudformation:DescribeStacks',
]

// The tool's own role lives in the management account, where SCPs never apply: it is not checked (and the
// shipped SCPs no longer exempt it). The bootstrap role is the fallback way into a member account.
export function protectedRoles(access: {
  memberRoleName: string
  bootstrapRoleName: string
  breakGlassRoles: readonly string[]
}): ProtectedRole[] {
  return [
    { name: access.memberRoleName, why: 'the role the tool reads member accounts with', needs: READS },
    ...(access.bootstrapRoleName === access.memberRoleName
      ? []
      : [{ name: access.bootstrapRoleName, why: 'the bootstrap and fallback member role', needs: READS }]),
    {
      name: 'stacksets-exec-*',
      why: 'the StackSets execution role that deploys the baseline stacks',
      needs: WRITES,
    },
    ...access.breakGlassRoles.map((name) => ({
      name,
      why: 'a break-glass role',
      needs: [
        ...READS,
        ...WRITES,
        'iam:CreateRole',
        'iam:AttachRolePolicy',
        'iam:PutRolePolicy',
        'sts:AssumeRole',
      ],
    })),
  ]
}

const list = (v: unknown): string[] => (v === undefined ? [] : Array.isArray(v) ? v.map(String) : [String(v)])

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const escaped = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.')
  return new RegExp(`^${escaped}$`, ignoreCase ? 'i' : '').test(value)
}

// A role's ARN with every account, as a sample that patterns with or without account wildcards match alike.
const roleArn = (name: string) => `arn:aws:iam::123456789012:role/${name}`

type Verdict = boolean | 'unknown'

function conditionHolds(
  operator: string,
  key: string,
  values: string[],
  principalArn: string,
  regions: string[],
): Verdict {
  const op = operator.replace(/IfExists$/, '')
  const lowerKey = key.toLowerCase()
  if (op === 'Null') {
    // Roles carry no aws:AssumedRoot; other keys' presence is unknown.
    if (lowerKey === 'aws:assumedroot') return values.includes('true')
    return 'unknown'
  }
  const subject =
    lowerKey === 'aws:principalarn'
      ? [principalArn]
      : lowerKey === 'aws:requestedregion'
        ? regions
        : undefined
  if (!subject) return 'unknown'
  const matches = (v: string) =>
    values.some((p) => wildcard(p, v, op.startsWith('String') && lowerKey !== 'aws:principalarn'))
  switch (op) {
    case 'ArnLike':
    case 'ArnEquals':
    case 'StringLike':
    case 'StringEquals':
      return subject.some(matches)
    case 'ArnNotLike':
    case 'ArnNotEquals':
    case 'StringNotLike':
    case 'StringNotEquals':
      return subject.some((v) => !matches(v))
    default:
      return 'unknown'
  }
}

function statementApplies(
  statement: PolicyStatement,
  principalArn: string,
  action: string,
  regions: string[],
): Verdict {
  if (statement.Effect !== 'Deny') return false
  const actions = list(statement.Action)
  const notActions = list(statement.NotAction)
  const actionMatches = actions.length
    ? actions.some((p) => wildcard(p, action, true))
    : !notActions.some((p) => wildcard(p, action, true))
  if (!actionMatches) return false
  let verdict: Verdict = true
  for (const [operator, entries] of Object.entries(statement.Condition ?? {})) {
    for (const [key, value] of Object.entries(entries)) {
      const holds = conditionHolds(operator, key, list(value), principalArn, regions)
      if (holds === false) return false
      if (holds === 'unknown') verdict = 'unknown'
    }
  }
  return verdict
}

/** Problems, one per statement that denies a protected role something it needs; empty when safe. */
export function lockoutProblems(
  policyName: string,
  document: PolicyDocument,
  roles: ProtectedRole[],
  regions: string[],
): string[] {
  const problems: string[] = []
  document.Statement.forEach((statement, index) => {
    const label = statement.Sid ? `statement "${statement.Sid}"` : `statement ${index + 1}`
    for (const role of roles) {
      const arn = roleArn(role.name.replace('*', 'abc123'))
      const denied = role.needs.filter(
        (action) => statementApplies(statement, arn, action, regions) !== false,
      )
      if (denied.length === 0) continue
      const certain = denied.some((action) => statementApplies(statement, arn, action, regions) === true)
      problems.push(
        `SCP ${policyName}: ${label} ${certain ? 'denies' : 'may deny (a condition the guard cannot evaluate)'} ${role.why} (${role.name}) ${denied.slice(0, 3).join(', ')}${denied.length > 3 ? ` and ${denied.length - 3} more` : ''} — add "ArnNotLike": {"aws:PrincipalArn": "arn:aws:iam::*:role/${role.name}"} to its Condition, or narrow its Action`,
      )
    }
  })
  return problems
}
