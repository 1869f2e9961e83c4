// Drift a test or demo can inject into Security Hub, as if someone changed it in the console.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { organizationAdmin } from './admin.ts'
import { hubKey, securityHubState } from './state.ts'

const invalid = (message: string) => new SandboxError('InvalidControlArguments', message, 400)

function requireString(args: Record<string, unknown>, key: string): string {
  const value = args[key]
  if (typeof value !== 'string' || value === '') throw invalid(`${key} is required`)
  return value
}

export const securityHubControls: Record<string, (world: World, args: Record<string, unknown>) => unknown> = {
  /** Deletes an account's finding aggregator (default: the delegated administrator's). */
  deleteFindingAggregator(world, args) {
    const account = typeof args.account === 'string' ? args.account : organizationAdmin(world)
    if (!account || !securityHubState(world).aggregators.delete(account))
      throw invalid('no finding aggregator to delete')
    return {}
  },
  /** Removes the association applied to a target (account, OU or root id); the target then inherits. */
  disassociatePolicy(world, args) {
    const target = requireString(args, 'target')
    if (!securityHubState(world).associations.delete(target))
      throw invalid(`no association applied to ${target}`)
    return {}
  },
  /** Turns off a standard in one account's hub; `arn` is the standards ARN or the subscription ARN. */
  disableStandard(world, args) {
    const hub = securityHubState(world).hubs.get(
      hubKey(requireString(args, 'account'), requireString(args, 'region')),
    )
    const arn = requireString(args, 'arn')
    const found =
      hub && [...hub.standards.values()].find((s) => s.standardsArn === arn || s.subscriptionArn === arn)
    if (!hub || !found) throw invalid(`standard ${arn} is not enabled there`)
    hub.standards.delete(found.standardsArn)
    return {}
  },
}
