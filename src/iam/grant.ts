// The shape in which each module declares what it calls: an action name alone means "on `*`" (allowed only
// for the actions in star-actions.ts, which support no resource type), a Grant names the resources the
// actions may touch and, where IAM can narrow further, the conditions.
export type RoleKind = 'tool' | 'member'

/** What resource patterns may read: the names the config gives (all known offline). */
export interface ScopeNames {
  memberRoleName: string
  /** access.bootstrapRoleName: the fallback way into accounts the member role has not reached yet. */
  bootstrapRoleName: string
  toolRoleName: string
  /** cloudTrail.name: the trail and its event data store. */
  trailName: string
}

export type Conditions = Record<string, Record<string, string | string[]>>

export interface Grant {
  actions: string[]
  resources: (names: ScopeNames) => string[]
  conditions?: Conditions
}

export type Permission = string | Grant

export interface Permissions {
  management: Permission[]
  member: Permission[]
}

export const grant = (actions: string[], resources: Grant['resources'], conditions?: Conditions): Grant => ({
  actions,
  resources,
  ...(conditions ? { conditions } : {}),
})

export const actionsOf = (permission: Permission): string[] =>
  typeof permission === 'string' ? [permission] : permission.actions
