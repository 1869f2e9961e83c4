// EventBridge's controls for tests and demos: events as AWS services send them, the invocations they caused,
// and drift on the rules (disabled, deleted).
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { SimulatedService } from '../service.ts'
import { invocations, putEvent } from './delivery.ts'
import { defaultBus } from './rules.ts'

function ruleTarget(world: World, args: Record<string, unknown>) {
  const account = String(args.account ?? world.managementAccountId)
  const region = String(args.region ?? 'us-east-1')
  const bus = defaultBus(world, account, region)
  return { bus, rule: bus.rules.get(String(args.name ?? '')) }
}

export const eventBridgeControls: NonNullable<SimulatedService['controls']> = {
  /**
   * `{ account?, region?, source, detailType, detail, resources? }`: an event arrives on the default bus as
   * an AWS service would send it (PutEvents refuses `aws.` sources); returns the invocations it caused.
   */
  putEvent(world: World, args) {
    if (typeof args.source !== 'string' || typeof args.detailType !== 'string')
      throw new SandboxError(
        'InvalidControlArguments',
        'Control arguments "source" and "detailType" are required',
      )
    return putEvent(
      world,
      String(args.account ?? world.managementAccountId),
      String(args.region ?? 'us-east-1'),
      {
        source: args.source,
        detailType: args.detailType,
        detail: (args.detail ?? {}) as Record<string, unknown>,
        ...(Array.isArray(args.resources) && { resources: args.resources.map(String) }),
      },
    )
  },
  /** Every target invocation so far: delivered, failed (with the reason) or not modelled. */
  invocations(world: World) {
    return [...invocations(world)]
  },
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
}
