// EventBridge (awsJson1_1, target prefix AWSEvents): rules and targets on the default event bus. Importing
// this module also registers the AWS::Events::Rule CloudFormation resource provider.
import type { SimulatedService } from '../service.ts'
import { eventBridgeControls } from './controls.ts'
import { eventBridgeOperations } from './operations.ts'
import './resources.ts'

export const eventBridge: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'events',
    protocol: 'awsJson1_1',
    targetPrefix: 'AWSEvents',
    operations: eventBridgeOperations,
  },
  controls: eventBridgeControls,
}
