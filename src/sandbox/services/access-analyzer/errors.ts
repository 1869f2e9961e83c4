// IAM Access Analyzer's errors as its model shapes them (botocore accessanalyzer 2019-11-01): a
// ValidationException carries a `reason`; Conflict, ResourceNotFound and ServiceQuotaExceeded carry the
// resource's id and type. Messages are crafted (README, "IAM Access Analyzer").
import { SandboxError } from '../../errors.ts'

export const validation = (message: string, reason = 'fieldValidationFailed') =>
  new SandboxError('ValidationException', message, 400, { reason })

export const notFound = (resourceId: string, resourceType: string) =>
  new SandboxError('ResourceNotFoundException', `${resourceType} ${resourceId} not found`, 404, {
    resourceId,
    resourceType,
  })

export const conflict = (resourceId: string, resourceType: string) =>
  new SandboxError('ConflictException', `${resourceType} ${resourceId} already exists`, 409, {
    resourceId,
    resourceType,
  })

export const quotaExceeded = (resourceId: string, resourceType: string, what: string) =>
  new SandboxError('ServiceQuotaExceededException', `Service quota exceeded: ${what}`, 402, {
    resourceId,
    resourceType,
  })

export const accessDenied = (message: string) => new SandboxError('AccessDeniedException', message, 403)
