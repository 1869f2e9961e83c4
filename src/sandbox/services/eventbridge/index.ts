// EventBridge (awsJson1_1, target prefix AWSEvents): rules and targets on the default event bus. Importing
// this module also registers the AWS::Events::Rule CloudFormation resource provider.
import type { World } from '../../state.ts'
import type { SimulatedService } from '../service.ts'
import { eventBridgeOperations } from './operations.ts'
import './resources.ts'
import { defaultBus } from './rules.ts'

function ruleTarget(world: World, args: Record<string, unknown>) {
  const account = String(args.account ?? world.managementAccountId)
  const region = String(args.region ?? 'us-east-1')
  const bus = defaultBus(world, account, region)
  return { bus, rule: bus.rules.get(String(args.name ?? '')) }
}

export const eventBridge: SimulatedService = {
  regional: true,
  spec: {
    signingName: 'events',
    protocol: 'awsJson1_1',
    targetPrefix: 'AWSEvents',
    operations: eventBridgeOperations,
  },
  controls: {
    /** Drift: someone disabled the rule. */
    disableRule(world: World, args) {
      const { rule } = ruleTarget(world, args)
      if (!rule) return { disabled: false }
      rule.state = 'DISABLED'
      return { disabled: true, arn: rule.arn }
    },
    /** Drift: someone deleted the rule (removing its targets first, as they would have to). */
    deleteRule(world: World, args) {
      const { bus, rule } = ruleTarget(world, args)
      if (!rule) return { deleted: false }
      bus.rules.delete(rule.name)
      return { deleted: true, arn: rule.arn }
    },
  },
}
