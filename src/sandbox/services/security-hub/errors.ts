// Security Hub's errors carry `Code` and `Message` members (the SDK model), so both travel in the body too.
// Messages quoted from AWS where they were found in the wild (see the README section).
import { SandboxError } from '../../errors.ts'
import type { CallContext } from '../service.ts'

function error(code: string, status: number, message: string): SandboxError {
  return new SandboxError(code, message, status, { Code: code, Message: message })
}

export const invalidInput = (message: string) => error('InvalidInputException', 400, message)
export const invalidAccess = (message: string) => error('InvalidAccessException', 401, message)
export const accessDenied = (message: string) => error('AccessDeniedException', 403, message)
export const notFound = (message: string) => error('ResourceNotFoundException', 404, message)
export const conflict = (message: string) => error('ResourceConflictException', 409, message)
export const limitExceeded = (message: string) => error('LimitExceededException', 429, message)

export const notSubscribed = (account: string) =>
  invalidAccess(`Account ${account} is not subscribed to AWS Security Hub`)
export const notAdministrator = (account: string) =>
  invalidAccess(`Account ${account} is not an administrator for this organization`)

export function requireManagementAccount(ctx: CallContext): void {
  if (ctx.account !== ctx.world.managementAccountId) {
    throw accessDenied(`Account ${ctx.account} is not the management account of the organization`)
  }
}
