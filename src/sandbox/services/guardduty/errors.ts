// GuardDuty answers almost every client mistake with BadRequestException (HTTP 400) and a sentence; the
// model lists no finer codes (aws-facts §3). Messages quoted from AWS where they were found in the wild.
import { SandboxError } from '../../errors.ts'
import type { CallContext } from '../service.ts'

export const badRequest = (message: string) => new SandboxError('BadRequestException', message, 400)

export const INVALID_INPUT =
  'The request is rejected because an invalid or out-of-range value is specified as an input parameter.'
export const DETECTOR_EXISTS =
  'The request is rejected because a detector already exists for the current account.'
export const DETECTOR_NOT_OWNED =
  'The request is rejected because the input detectorId is not owned by the current account.'
export const NOT_ORGANIZATION_MASTER =
  'The request failed because you do not have required AWS Organization master permission.'

export function requireManagementAccount(ctx: CallContext): void {
  if (ctx.account !== ctx.world.managementAccountId) throw badRequest(NOT_ORGANIZATION_MASTER)
}
