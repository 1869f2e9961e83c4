// AWS STS (awsQuery, version 2011-06-15): GetCallerIdentity and AssumeRole. The credential store lives in
// sts-sessions.ts (re-exported here: the server resolves every caller through it); AssumeRole's judgement in
// sts-assume-role.ts.
import type { Operation, SimulatedService } from './service.ts'
import { assumeRole } from './sts-assume-role.ts'
import { stsControls } from './sts-controls.ts'
import { sessions } from './sts-sessions.ts'

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
  controls: stsControls,
}
