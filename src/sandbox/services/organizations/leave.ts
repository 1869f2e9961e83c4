// LeaveOrganization, called by a member account (Organizations API reference, LeaveOrganization): the
// management account cannot leave (MasterCannotLeaveOrganizationException, 409 in the SDK's model); an account the organization
// created lacks what a standalone account needs ("the information required of standalone accounts is not
// automatically collected"), answered as ConstraintViolationException ACCOUNT_CANNOT_LEAVE_WITHOUT_EULA; an
// invited account leaves: it is no longer listed and its policy attachments and delegations go with it.
// SCPs judge the call first (an SCP Deny on organizations:LeaveOrganization is AWS's documented guard).
// Messages are crafted: AWS's exact text is not documented.
import { SandboxError } from '../../errors.ts'
import type { Operation } from '../service.ts'
import { constraintViolation } from './common.ts'

export const leaveOrganization: Operation = (_input, ctx) => {
  const { world } = ctx
  if (ctx.account === world.managementAccountId) {
    throw new SandboxError(
      'MasterCannotLeaveOrganizationException',
      "You can't remove a management account from an AWS organization. You must first delete the organization.",
      409,
    )
  }
  const account = world.accounts.get(ctx.account)
  if (!account)
    throw new SandboxError(
      'AWSOrganizationsNotInUseException',
      'Your account is not a member of an organization.',
      404,
    )
  if (account.joinedMethod === 'CREATED') {
    throw constraintViolation(
      'ACCOUNT_CANNOT_LEAVE_WITHOUT_EULA',
      'The account does not yet have enough information to exist as a standalone account: accept the AWS Customer Agreement first.',
    )
  }
  for (const policy of world.policies.values()) policy.targets.delete(account.id)
  for (const admins of world.delegatedAdmins.values()) admins.delete(account.id)
  world.accounts.delete(account.id)
  return {}
}
