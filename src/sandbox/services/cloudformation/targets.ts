// Resolves an operation's targets into (account, Region) pairs. Self-managed stack sets take account ids;
// service-managed ones take OUs (recursively, child OUs included) with AccountFilterType, and never include
// the management account even when its OU is targeted (aws-facts §8). Suspended accounts stay in the list:
// the operation marks them SKIPPED_SUSPENDED_ACCOUNT.
import type { World } from '../../state.ts'
import { enumValue, list, obj, strList, validationError } from './input.ts'
import type { StackSet } from './stack-set-model.ts'

export interface Target {
  account: string
  ou?: string
}

export interface DeploymentTargetsInput {
  Accounts?: string[]
  OrganizationalUnitIds?: string[]
  AccountFilterType?: string
}

const ACCOUNT_ID = /^[0-9]{12}$/
const OU_ID = /^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$/

export function readTargets(input: Record<string, unknown>): {
  accounts: string[]
  targets?: DeploymentTargetsInput
} {
  const accounts = strList(input, 'Accounts')
  const raw = obj(input.DeploymentTargets)
  if (!raw) return { accounts }
  const filter = enumValue(
    raw.AccountFilterType as string | undefined,
    ['NONE', 'INTERSECTION', 'DIFFERENCE', 'UNION'] as const,
    'deploymentTargets.accountFilterType',
  )
  const targets: DeploymentTargetsInput = {
    ...(raw.Accounts !== undefined ? { Accounts: list(raw.Accounts).map(String) } : {}),
    ...(raw.OrganizationalUnitIds !== undefined
      ? { OrganizationalUnitIds: list(raw.OrganizationalUnitIds).map(String) }
      : {}),
    ...(filter ? { AccountFilterType: filter } : {}),
  }
  if (raw.AccountsUrl !== undefined)
    throw validationError('AccountsUrl is not supported by the sandbox (no S3)')
  return { accounts, targets }
}

/** Targets of a create/update/delete. `existingOnly` restricts OUs to accounts that already have instances. */
export function resolveTargets(world: World, ss: StackSet, input: Record<string, unknown>): Target[] {
  const { accounts, targets } = readTargets(input)
  if (accounts.length > 0 && targets) {
    throw validationError('You can specify either Accounts or DeploymentTargets, but not both')
  }
  if (ss.permissionModel === 'SELF_MANAGED') {
    if (targets?.OrganizationalUnitIds?.length) {
      throw validationError('StackSets with SELF_MANAGED permission model can only have accounts as target')
    }
    const ids = accounts.length > 0 ? accounts : (targets?.Accounts ?? [])
    if (ids.length === 0)
      throw validationError('Either Accounts or DeploymentTargets.Accounts must be specified')
    for (const id of ids) checkAccountId(id)
    return [...new Set(ids)].map((account) => ({ account }))
  }
  if (accounts.length > 0) {
    throw validationError(
      'StackSets with SERVICE_MANAGED permission model can only have OrganizationalUnit as target',
    )
  }
  const ous = targets?.OrganizationalUnitIds ?? []
  if (ous.length === 0)
    throw validationError(
      'DeploymentTargets.OrganizationalUnitIds must be specified for SERVICE_MANAGED stack sets',
    )
  for (const ou of ous) {
    if (!OU_ID.test(ou)) {
      throw validationError(
        `1 validation error detected: Value '${ou}' at 'deploymentTargets.organizationalUnitIds' failed to satisfy constraint: ` +
          'Member must satisfy regular expression pattern: ^(ou-[a-z0-9]{4,32}-[a-z0-9]{8,32}|r-[a-z0-9]{4,32})$',
      )
    }
    if (!world.ous.has(ou) && ou !== world.rootId)
      throw validationError(`Organizational unit ${ou} does not exist`)
  }
  const filter = targets?.AccountFilterType ?? 'NONE'
  const listed = targets?.Accounts ?? []
  for (const id of listed) checkAccountId(id)
  if (filter === 'NONE' && listed.length > 0) {
    throw validationError(
      'AccountFilterType must be INTERSECTION, DIFFERENCE or UNION when DeploymentTargets.Accounts is specified',
    )
  }
  if (filter !== 'NONE' && listed.length === 0) {
    throw validationError(`DeploymentTargets.Accounts must be specified when AccountFilterType is ${filter}`)
  }
  const found = new Map<string, string>()
  for (const ou of ous) {
    for (const account of world.accountsUnder(ou)) if (!found.has(account.id)) found.set(account.id, ou)
  }
  let result: Target[] = [...found].map(([account, ou]) => ({ account, ou }))
  if (filter === 'INTERSECTION') result = result.filter((t) => listed.includes(t.account))
  if (filter === 'DIFFERENCE') result = result.filter((t) => !listed.includes(t.account))
  if (filter === 'UNION') {
    for (const id of listed) {
      const account = world.accounts.get(id)
      if (account && !found.has(id)) result.push({ account: id, ou: account.parentId })
    }
  }
  // Service-managed stack sets never deploy to the management account.
  return result.filter((t) => t.account !== world.managementAccountId)
}

function checkAccountId(id: string): void {
  if (!ACCOUNT_ID.test(id)) {
    throw validationError(
      `1 validation error detected: Value '${id}' at 'accounts' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[0-9]{12}$`,
    )
  }
}

export function readRegions(world: World, input: Record<string, unknown>, required: boolean): string[] {
  const regions = strList(input, 'Regions')
  if (required && regions.length === 0) {
    throw validationError(
      "1 validation error detected: Value '[]' at 'regions' failed to satisfy constraint: Member must have length greater than or equal to 1",
    )
  }
  for (const r of regions) {
    if (!world.regions.includes(r)) throw validationError(`Region ${r} is not supported`)
  }
  return [...new Set(regions)]
}
