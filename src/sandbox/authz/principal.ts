// Who a request is made by, as IAM sees it: the ARN `aws:PrincipalArn` reports and whether AWS exempts the
// principal from SCPs. Sources: AWS global condition context keys (aws:PrincipalArn — "for an IAM role, the
// request context returns the ARN of the role, not the ARN of the user that assumed the role"; an assumed-role
// session reports the role ARN); aws-facts §1 "SCP semantics" (service-linked roles and the management account
// are never restricted by SCPs).
import type { Session } from '../services/sts.ts'

/** `arn:aws:sts::<acct>:assumed-role/<role>/<session>` → `arn:aws:iam::<acct>:role/<role>` (path unknown). */
function roleArnFromSession(sessionArn: string): string | undefined {
  const match = /^arn:aws:sts::(\d{12}):assumed-role\/([^/]+)\/[^/]+$/.exec(sessionArn)
  return match ? `arn:aws:iam::${match[1]}:role/${match[2]}` : undefined
}

/** The value of `aws:PrincipalArn`: the role's ARN for an assumed-role session, else the principal's ARN. */
export function principalArnOf(session: Session): string {
  if (!session.assumedRole) return session.principalArn
  return session.roleArn ?? roleArnFromSession(session.principalArn) ?? session.principalArn
}

/** Service-linked roles live under the `aws-service-role/` path (IAM user guide, service-linked roles). */
export const isServiceLinkedRole = (principalArn: string) =>
  /^arn:aws:iam::\d{12}:role\/aws-service-role\//.test(principalArn)

/** A session acting as a role that the sandbox itself uses (StackSets execution role, service roles). */
export function roleSession(account: string, roleArn: string, sessionName: string): Session {
  const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1)
  return {
    accessKeyId: '',
    secretAccessKey: '',
    account,
    principalArn: `arn:aws:sts::${account}:assumed-role/${roleName}/${sessionName}`,
    userId: `AROA${roleName
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .slice(0, 17)}:${sessionName}`,
    assumedRole: true,
    roleArn,
  }
}
