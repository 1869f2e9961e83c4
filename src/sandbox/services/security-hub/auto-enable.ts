// LOCAL auto-enable over time, per region: the periods it was on and under which administrator, so that
// members.ts can tell which accounts joined the organization during one (auto-enable reaches new accounts only),
// and the hub an account gets when it joins during one: Security Hub on, with AWS's default standards when
// AutoEnableStandards is DEFAULT (API reference, UpdateOrganizationConfiguration).
import type { World } from '../../state.ts'
import { hubView, newHub } from './hub.ts'
import { type AutoEnableEpoch, hubKey, securityHubState } from './state.ts'

/** An account joining the organization gets a hub in every region where auto-enable is on at that moment. */
function wireJoining(world: World): void {
  const state = securityHubState(world)
  if (state.joiningWired) return
  state.joiningWired = true
  world.events.on('account-placed', ({ accountId, fromParentId }) => {
    if (fromParentId !== undefined || accountId === world.managementAccountId) return
    for (const [region, history] of state.autoEnableHistory) {
      const open = history.at(-1)
      if (!open || open.to !== undefined || open.admin === accountId) continue
      if (state.admins.get(region)?.accountId !== open.admin) continue
      if (!world.isRegionEnabled(accountId, region) || hubView(world, accountId, region)) continue
      state.hubs.set(
        hubKey(accountId, region),
        newHub(world, accountId, region, open.standards === 'DEFAULT'),
      )
    }
  })
}

/** Opens a LOCAL auto-enable period (or closes the open one when `on` is false). */
export function recordAutoEnable(
  world: World,
  region: string,
  admin: string,
  on: boolean,
  standards: AutoEnableEpoch['standards'],
): void {
  const state = securityHubState(world)
  const history = state.autoEnableHistory.get(region) ?? []
  state.autoEnableHistory.set(region, history)
  const now = world.clock.now()
  const open = history.at(-1)?.to === undefined ? history.at(-1) : undefined
  if (open && on && open.admin === admin && open.standards === standards) return
  if (open) open.to = now
  if (on) {
    history.push({ admin, standards, from: now, to: undefined })
    wireJoining(world)
  }
}

/** Closes the region's open auto-enable period (the administrator left, or central configuration began). */
export function closeAutoEnable(world: World, region: string): void {
  const open = securityHubState(world).autoEnableHistory.get(region)?.at(-1)
  if (open && open.to === undefined) open.to = world.clock.now()
}
