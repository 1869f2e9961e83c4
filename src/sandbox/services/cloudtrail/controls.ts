// CloudTrail's control for tests and demos that is not drift: root activity as CloudTrail hands it to
// EventBridge (simulated-events.ts).
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { emitCloudTrailEvent, SIMULATED_EVENT_KINDS, type SimulatedEventKind } from './simulated-events.ts'

/**
 * `{ kind, account?, region?, service?, eventName?, sourceIPAddress? }`: a CloudTrail event of root activity
 * reaches EventBridge where it happens (kinds: root-sign-in, root-sign-in-failure, root-api-call,
 * assume-root-session); returns the target invocations it caused.
 */
export function emitEventControl(world: World, args: Record<string, unknown>) {
  const kind = String(args.kind) as SimulatedEventKind
  if (!SIMULATED_EVENT_KINDS.includes(kind))
    throw new SandboxError(
      'InvalidControlArguments',
      `Control argument "kind" must be one of ${SIMULATED_EVENT_KINDS.join(', ')}`,
    )
  return emitCloudTrailEvent(world, {
    kind,
    account: String(args.account ?? world.managementAccountId),
    region: String(args.region ?? 'us-east-1'),
    ...(args.service !== undefined && { service: String(args.service) }),
    ...(args.eventName !== undefined && { eventName: String(args.eventName) }),
    ...(args.sourceIPAddress !== undefined && { sourceIPAddress: String(args.sourceIPAddress) }),
  })
}
