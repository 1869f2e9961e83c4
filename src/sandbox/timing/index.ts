// Timing profiles of the sandbox. `off` (the default): the clock runs `speed` times faster than real time and
// stack instances take fixed durations — fast, for tests. `aws`: a run takes the AWS time it would take
// against AWS — per-call latency, stack instance durations from their templates, StackSets' quotas and
// per-API rate limits — counted on a clock that spends no real time on waiting (virtual-time.ts).
import type { Sandbox } from '../index.ts'

export type TimingProfile = 'off' | 'aws'

export { callLatencyMs } from './latency.ts'
export { instanceDurationMs } from './resource-durations.ts'
export { VirtualTime } from './virtual-time.ts'

/** Simulated (AWS) milliseconds since the sandbox started; read it before and after a run for its AWS time. */
export function simulatedElapsedMs(sandbox: Pick<Sandbox, 'world'>): number {
  return sandbox.world.clock.now() - sandbox.world.clock.startedAt
}
