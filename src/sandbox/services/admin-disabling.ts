// Eventual mode: a GuardDuty or Security Hub administrator just disabled is listed for a while with the
// status AWS's enum has for it, DISABLE_IN_PROGRESS (README, "Eventual consistency"). Strong mode: never.
import { EVENTUAL } from '../consistency.ts'
import type { World } from '../state.ts'

interface Disabling {
  accountId: string
  until: number
}

const disabling = (world: World) => world.slice('admin-disabling', () => new Map<string, Disabling>())

export function startDisabling(world: World, service: string, region: string, accountId: string): void {
  const delay = world.consistency.delay(EVENTUAL.adminDisable)
  if (delay > 0) disabling(world).set(`${service}/${region}`, { accountId, until: world.clock.now() + delay })
}

/** The account still being disabled as administrator in this region, if any. */
export function disablingAdmin(world: World, service: string, region: string): string | undefined {
  const entry = disabling(world).get(`${service}/${region}`)
  if (!entry || entry.until <= world.clock.now()) return undefined
  world.consistency.note('admin-disable-in-progress')
  return entry.accountId
}
