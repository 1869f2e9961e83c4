// STS's controls for tests: a session of any role, out of band.
import { SandboxError } from '../errors.ts'
import { roleByArn } from './iam-roles/store.ts'
import type { SimulatedService } from './service.ts'
import { issueRoleSession } from './sts-sessions.ts'

export const stsControls: NonNullable<SimulatedService['controls']> = {
  /**
   * `{ roleArn, sessionName? }`: credentials of a session of that role, out of band (no trust check), that
   * never expire — how a test acts as, say, a member account's administrator.
   */
  'issue-session': (world, args) => {
    const arn = typeof args.roleArn === 'string' ? args.roleArn : ''
    const role = roleByArn(world, arn)
    if (!role) throw new SandboxError('InvalidControlArguments', `No role ${arn}`)
    const sessionName = typeof args.sessionName === 'string' ? args.sessionName : 'sandbox-test'
    if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
      throw new SandboxError('InvalidControlArguments', `Invalid sessionName ${sessionName}`)
    const session = issueRoleSession(world, role, { sessionName })
    return {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      arn: session.principalArn,
    }
  },
}
