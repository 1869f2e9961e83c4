// How each service answers a request its policies deny, in its own protocol. Codes and statuses from the SDK
// models (`@aws-sdk/client-*/dist-es/schemas/schemas_0.js`): Organizations, Account, GuardDuty, Security Hub
// and CloudTrail model `AccessDeniedException` with httpError 403; EventBridge models it without an httpError
// (awsJson1_1 client error: 400). Config's model has no AccessDeniedException: AWS answers the generic JSON
// client error `AccessDeniedException`, 400. The awsQuery services (STS, IAM, CloudFormation) answer
// `AccessDenied` 403, as STS's AssumeRole denial already does here.
import { SandboxError } from '../errors.ts'

const BY_SIGNING_NAME: Record<string, { code: string; status: number }> = {
  organizations: { code: 'AccessDeniedException', status: 403 },
  account: { code: 'AccessDeniedException', status: 403 },
  guardduty: { code: 'AccessDeniedException', status: 403 },
  securityhub: { code: 'AccessDeniedException', status: 403 },
  // Inspector's model: AccessDeniedException, httpError 403.
  inspector2: { code: 'AccessDeniedException', status: 403 },
  cloudtrail: { code: 'AccessDeniedException', status: 403 },
  events: { code: 'AccessDeniedException', status: 400 },
  config: { code: 'AccessDeniedException', status: 400 },
  sts: { code: 'AccessDenied', status: 403 },
  iam: { code: 'AccessDenied', status: 403 },
  cloudformation: { code: 'AccessDenied', status: 403 },
  // Services the sandbox has no API for, met only as CloudFormation resource handlers' calls: S3 answers
  // `AccessDenied` 403 (S3 error responses), SNS `AuthorizationError` 403 (SNS model AuthorizationErrorException),
  // Glue `AccessDeniedException` 400 (Glue model, no httpError).
  s3: { code: 'AccessDenied', status: 403 },
  sns: { code: 'AuthorizationError', status: 403 },
  glue: { code: 'AccessDeniedException', status: 400 },
}

export function accessDenied(signingName: string, message: string): SandboxError {
  const { code, status } = BY_SIGNING_NAME[signingName] ?? { code: 'AccessDeniedException', status: 403 }
  return new SandboxError(code, message, status)
}

/** The signing name of the service that owns an IAM action (`config:PutDeliveryChannel` → `config`). */
export const serviceOfAction = (action: string) => action.slice(0, action.indexOf(':'))
