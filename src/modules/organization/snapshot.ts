// What the organization looks like: the tree every other module resolves names and targets against.
export interface OrgAccount {
  id: string
  name: string
  email: string
  status: string
  parentId: string
  /** OU path from the root, e.g. `Workloads/Prod`; `Root` for accounts directly under the root. */
  path: string
}

export interface OrgUnit {
  id: string
  name: string
  parentId: string
  path: string
}

export interface OrgSnapshot {
  id: string
  featureSet: string
  managementAccountId: string
  rootId: string
  /** Policy types enabled on the root, e.g. SERVICE_CONTROL_POLICY. */
  enabledPolicyTypes: string[]
  units: OrgUnit[]
  accounts: OrgAccount[]
  /**
   * Regions enabled in the management account (default regions and enabled opt-in ones); absent when the
   * config needs no call to know (it lists only default regions).
   */
  enabledRegions?: string[]
}

export const ROOT_PATH = 'Root'

export const isActive = (account: OrgAccount) => account.status === 'ACTIVE'
