// Auto-deployment: when Organizations places an account (created in, or moved into, an OU), every
// service-managed stack set with AutoDeployment enabled that targets one of the account's OUs gets an
// auto-deploy operation for the account in the stack set's Regions; an account moved out of all target OUs
// has its instances removed (stacks kept when RetainStacksOnAccountRemoval). Auto-deployments ignore
// OperationPreferences and queue behind running operations (aws-facts §8).
import type { World } from '../../state.ts'
import { submit } from './operation-factory.ts'
import { settle } from './operation-runner.ts'
import { AUTO_DEPLOY_PREFERENCES } from './preferences.ts'
import { instanceKey, type StackSet } from './stack-set-model.ts'
import { cfnState } from './state.ts'

export function wireAutoDeployment(world: World): void {
  const state = cfnState(world)
  if (state.autoDeployWired) return
  state.autoDeployWired = true
  world.events.on('account-placed', ({ accountId }) => onAccountPlaced(world, accountId))
}

/** The targeted OU the account is in (its nearest one), if any. */
function targetOu(world: World, ss: StackSet, accountId: string): string | undefined {
  const chain = [world.accounts.get(accountId)?.parentId, ...world.ancestors(accountId)]
  return chain.find((id): id is string => id !== undefined && ss.ous.includes(id))
}

export function onAccountPlaced(world: World, accountId: string): void {
  if (accountId === world.managementAccountId) return
  settle(world)
  for (const ss of cfnState(world).stackSets.values()) {
    if (ss.status !== 'ACTIVE' || ss.permissionModel !== 'SERVICE_MANAGED' || !ss.autoDeployment?.enabled)
      continue
    const ou = targetOu(world, ss, accountId)
    const existing = [...ss.instances.values()].filter((i) => i.account === accountId)
    if (ou) {
      for (const i of existing) i.ou = ou
      const missing = ss.regions.filter((r) => !ss.instances.has(instanceKey(accountId, r)))
      if (missing.length === 0) continue
      submit(world, ss, {
        action: 'CREATE',
        targets: missing.map((region) => ({ target: { account: accountId, ou }, region })),
        preferences: AUTO_DEPLOY_PREFERENCES,
        preferencesGiven: false,
        autoDeploy: true,
      })
    } else if (existing.length > 0) {
      submit(world, ss, {
        action: 'DELETE',
        targets: existing.map((i) => ({
          target: { account: accountId, ...(i.ou ? { ou: i.ou } : {}) },
          region: i.region,
        })),
        preferences: AUTO_DEPLOY_PREFERENCES,
        preferencesGiven: false,
        autoDeploy: true,
        retainStacks: ss.autoDeployment.retainStacksOnAccountRemoval,
      })
    }
  }
}
