// The simulated organization's state: what Organizations knows (root, OUs, accounts, policies, trusted
// access, delegated administrators) plus per-account facts other services read (enabled opt-in regions,
// the access role, root credentials). Each other service keeps its own state in a slice.
import { EventEmitter } from 'node:events'
// The region lists are the product's own (aws-facts §9): the sandbox knows no other regions.
import { DEFAULT_REGIONS, OPT_IN_REGIONS } from '../config/regions.ts'
import type { Clock } from './clock.ts'
import { Consistency } from './consistency.ts'

export { DEFAULT_REGIONS, OPT_IN_REGIONS }

export type AccountStatus = 'ACTIVE' | 'SUSPENDED' | 'PENDING_CLOSURE'

export interface RootCredentials {
  mfa: boolean
  password: boolean
  accessKeys: boolean
}

export interface Account {
  id: string
  arn: string
  name: string
  email: string
  status: AccountStatus
  parentId: string
  joinedAt: Date
  joinedMethod: 'CREATED' | 'INVITED'
  /** Opt-in regions this account has enabled (default regions are always enabled). */
  optInRegions: Set<string>
  /** Whether the member access role (e.g. OrganizationAccountAccessRole) exists and trusts the management account. */
  accessRoles: Set<string>
  root: RootCredentials
}

export interface OrganizationalUnit {
  id: string
  arn: string
  name: string
  parentId: string
}

export interface Policy {
  id: string
  arn: string
  name: string
  description: string
  type: string
  content: string
  awsManaged: boolean
  tags: Map<string, string>
  /** Root, OU and account ids the policy is attached to. */
  targets: Set<string>
}

/** Events other services react to (StackSets auto-deployment reacts to accounts joining or moving). */
export interface WorldEvents {
  'account-placed': [{ accountId: string; fromParentId: string | undefined; toParentId: string }]
  'account-status': [{ accountId: string; status: AccountStatus }]
}

export class World {
  readonly events = new EventEmitter<WorldEvents>()
  readonly accounts = new Map<string, Account>()
  readonly ous = new Map<string, OrganizationalUnit>()
  readonly policies = new Map<string, Policy>()
  /** Policy types enabled on the root, e.g. SERVICE_CONTROL_POLICY. */
  readonly enabledPolicyTypes = new Set<string>()
  /** Service principal → date trusted access was enabled. */
  readonly trustedAccess = new Map<string, Date>()
  /** Service principal → (account id → date registered). */
  readonly delegatedAdmins = new Map<string, Map<string, Date>>()
  featureSet: 'ALL' | 'CONSOLIDATED_BILLING' = 'ALL'
  /** Opt-in region enablements in progress: `<account>/<region>` → simulated ms when they complete. */
  readonly regionEnablements = new Map<string, number>()
  /** `strong` unless the sandbox was started with `consistency: 'eventual'` (consistency.ts). */
  consistency = new Consistency()
  /** Policy types EnablePolicyType accepted but still PENDING_ENABLE: type → simulated ms when enabled. */
  readonly pendingPolicyTypes = new Map<string, number>()
  /**
   * When other services see trusted access / a delegated-admin registration made through Organizations
   * (eventual mode): `<principal>` or `<principal>/<account>` → simulated ms. Absent = visible.
   */
  readonly visibleAt = new Map<string, number>()
  private readonly slices = new Map<string, unknown>()
  private sequence = 0

  constructor(
    readonly clock: Clock,
    readonly organizationId: string,
    readonly managementAccountId: string,
    readonly rootId: string,
  ) {}

  /** A service's own state, created on first use. */
  slice<T>(key: string, init: () => T): T {
    let value = this.slices.get(key) as T | undefined
    if (value === undefined) {
      value = init()
      this.slices.set(key, value)
    }
    return value
  }

  /** A short unique suffix for generated ids; deterministic for a given sequence of calls. */
  nextId(length = 8): string {
    this.sequence += 1
    return this.sequence.toString(36).padStart(length, '0').slice(-length)
  }

  get regions(): string[] {
    return [...DEFAULT_REGIONS, ...OPT_IN_REGIONS]
  }

  isOptInRegion(region: string): boolean {
    return (OPT_IN_REGIONS as readonly string[]).includes(region)
  }

  isRegionEnabled(accountId: string, region: string): boolean {
    if ((DEFAULT_REGIONS as readonly string[]).includes(region)) return true
    this.settleRegionEnablement(accountId, region)
    return this.accounts.get(accountId)?.optInRegions.has(region) ?? false
  }

  /** An enablement whose simulated time has come becomes an enabled region (computed lazily, no timers). */
  settleRegionEnablement(accountId: string, region: string): void {
    const key = `${accountId}/${region}`
    const readyAt = this.regionEnablements.get(key)
    if (readyAt === undefined || readyAt > this.clock.now()) return
    this.regionEnablements.delete(key)
    this.accounts.get(accountId)?.optInRegions.add(region)
  }

  /** The parent chain of a target, nearest first, ending at the root. */
  ancestors(id: string): string[] {
    const chain: string[] = []
    let parent = this.accounts.get(id)?.parentId ?? this.ous.get(id)?.parentId
    while (parent) {
      chain.push(parent)
      parent = this.ous.get(parent)?.parentId
    }
    return chain
  }

  /** Accounts directly in a parent, or anywhere below it when `recursive`. */
  accountsUnder(parentId: string, recursive = true): Account[] {
    return [...this.accounts.values()].filter((a) =>
      recursive
        ? a.parentId === parentId || this.ancestors(a.id).includes(parentId)
        : a.parentId === parentId,
    )
  }

  /** Policies that apply to an account through inheritance (root, OUs, the account itself). */
  effectivePolicies(accountId: string, type = 'SERVICE_CONTROL_POLICY'): Policy[] {
    const chain = new Set([accountId, ...this.ancestors(accountId)])
    return [...this.policies.values()].filter(
      (p) => p.type === type && [...p.targets].some((t) => chain.has(t)),
    )
  }

  /** As other services see it: registered, and (eventual mode) the registration has reached them. */
  isDelegatedAdmin(accountId: string, servicePrincipal: string): boolean {
    if (!(this.delegatedAdmins.get(servicePrincipal)?.has(accountId) ?? false)) return false
    return this.visibleNow(`${servicePrincipal}/${accountId}`)
  }

  /** Trusted access as other services see it: enabled, and (eventual mode) the change has reached them. */
  hasTrustedAccess(servicePrincipal: string): boolean {
    if (!this.trustedAccess.has(servicePrincipal)) return false
    return this.visibleNow(servicePrincipal)
  }

  private visibleNow(key: string): boolean {
    if ((this.visibleAt.get(key) ?? 0) <= this.clock.now()) return true
    this.consistency.note('not-yet-visible')
    return false
  }

  /** Pending policy types whose simulated time has come become enabled (lazily, no timers). */
  settlePolicyTypes(): void {
    for (const [type, readyAt] of this.pendingPolicyTypes) {
      if (readyAt > this.clock.now()) continue
      this.pendingPolicyTypes.delete(type)
      this.enabledPolicyTypes.add(type)
    }
  }
}
