// Every service's request model, by the name the service registry (services/index.ts) gives it.
import { accessanalyzerModel } from './accessanalyzer.ts'
import { accountModel } from './account.ts'
import { cloudformationModel } from './cloudformation.ts'
import { cloudtrailModel } from './cloudtrail.ts'
import { configModel } from './config.ts'
import { eventbridgeModel } from './eventbridge.ts'
import { guarddutyModel } from './guardduty.ts'
import { iamModel } from './iam.ts'
import { inspector2Model } from './inspector2.ts'
import { organizationsModel } from './organizations.ts'
import { s3Model } from './s3.ts'
import { securityhubModel } from './securityhub.ts'
import { stsModel } from './sts.ts'
import type { ServiceModel } from './types.ts'

export const serviceModels: Readonly<Record<string, ServiceModel>> = {
  organizations: organizationsModel,
  sts: stsModel,
  iam: iamModel,
  account: accountModel,
  guardduty: guarddutyModel,
  securityhub: securityhubModel,
  cloudformation: cloudformationModel,
  config: configModel,
  cloudtrail: cloudtrailModel,
  eventbridge: eventbridgeModel,
  s3: s3Model,
  inspector2: inspector2Model,
  accessanalyzer: accessanalyzerModel,
}
