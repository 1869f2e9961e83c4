// Inspector's errors (botocore inspector2 model): AccessDeniedException 403, ConflictException 409,
// ResourceNotFoundException 404, ValidationException 400 (with `reason` and `fields`). Messages are crafted
// unless marked: AWS's exact texts were not found, except the one quoted below.
import { SandboxError } from '../../errors.ts'
import type { CallContext } from '../service.ts'

export const accessDenied = (message: string) => new SandboxError('AccessDeniedException', message, 403)
export const conflict = (message: string) => new SandboxError('ConflictException', message, 409)
export const notFound = (message: string) => new SandboxError('ResourceNotFoundException', message, 404)
export const validation = (message: string) =>
  new SandboxError('ValidationException', message, 400, { reason: 'OTHER' })

/** AWS's text for a non-administrator asking (seen in hashicorp/terraform-provider-aws#27000). */
export const NOT_ADMIN_DESCRIBE =
  'Invoking account does not have access to describe the organization configuration.'

export function requireManagementAccount(ctx: CallContext): void {
  if (ctx.account !== ctx.world.managementAccountId)
    throw accessDenied(
      'Only the AWS Organizations management account can manage the delegated administrator.',
    )
}
