// AWS STS (awsQuery, version 2011-06-15): GetCallerIdentity and AssumeRole. The credential store lives in
// sts-sessions.ts (re-exported here: the server resolves every caller through it); AssumeRole's judgement in
// sts-assume-role.ts.
import { SandboxError } from '../errors.ts'
import { roleByArn } from './iam-roles/store.ts'
import type { Operation, SimulatedService } from './service.ts'
import { assumeRole } from './sts-assume-role.ts'
import { issueRoleSession, sessions } from './sts-sessions.ts'

export {
  issueRoleSession,
  issueRootCredentials,
  type RoleSessionOptions,
  resolveCaller,
  type Session,
  sessions,
} from './sts-sessions.ts'

const getCallerIdentity: Operation = (_input, ctx) => {
  const session = sessions(ctx.world).get(ctx.accessKeyId)
  return { UserId: session?.userId ?? ctx.account, Account: ctx.account, Arn: ctx.principalArn }
}

export const sts: SimulatedService = {
  spec: {
    signingName: 'sts',
    protocol: 'awsQuery',
    version: '2011-06-15',
    xmlNamespace: 'https://sts.amazonaws.com/doc/2011-06-15/',
    operations: { AssumeRole: assumeRole, GetCallerIdentity: getCallerIdentity },
  },
  controls: {
    /**
     * `{ roleArn, sessionName? }`: credentials of a session of that role, out of band (no trust check), that
     * never expire — how a test acts as, say, a member account's administrator.
     */
    'issue-session': (world, args) => {
      const arn = typeof args.roleArn === 'string' ? args.roleArn : ''
      const role = roleByArn(world, arn)
      if (!role) throw new SandboxError('InvalidControl', `No role ${arn}`)
      const sessionName = typeof args.sessionName === 'string' ? args.sessionName : 'sandbox-test'
      if (!/^[\w+=,.@-]{2,64}$/.test(sessionName))
        throw new SandboxError('InvalidControl', `Invalid sessionName ${sessionName}`)
      const session = issueRoleSession(world, role, { sessionName })
      return {
        accessKeyId: session.accessKeyId,
        secretAccessKey: session.secretAccessKey,
        sessionToken: session.sessionToken,
        arn: session.principalArn,
      }
    },
  },
}
