// The registry of every simulated service, by the name `sandbox.control(service, …)` and the control
// endpoint use. The server routes a request to the entry whose `spec.signingName` matches the SigV4 scope.
// To add a service: one import and one entry.
import { accessAnalyzer } from './access-analyzer/index.ts'
import { account } from './account.ts'
import { cloudformation } from './cloudformation/index.ts'
import { cloudTrail } from './cloudtrail/index.ts'
import { configService } from './config-service/index.ts'
import { eventBridge } from './eventbridge/index.ts'
import { guardDuty } from './guardduty/index.ts'
import { iam } from './iam.ts'
import { inspector2 } from './inspector2/index.ts'
import { organizations } from './organizations/index.ts'
import { s3 } from './s3/index.ts'
import { securityHub } from './security-hub/index.ts'
import type { SimulatedService } from './service.ts'
// SNS and KMS have no API here, only CloudFormation resource providers that keep topics and keys as state
// (their controls, and S3's bucket controls, are in resource-controls.ts). S3 has its API (s3/index.ts).
import './sns-resources.ts'
import './s3/resources.ts'
import './kms/resources.ts'
import { sts } from './sts.ts'

export const services: Record<string, SimulatedService> = {
  organizations,
  sts,
  iam,
  account,
  guardduty: guardDuty,
  securityhub: securityHub,
  cloudformation,
  config: configService,
  cloudtrail: cloudTrail,
  eventbridge: eventBridge,
  s3,
  inspector2,
  accessanalyzer: accessAnalyzer,
}
