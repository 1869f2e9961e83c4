// CloudTrail Lake event data stores: retention 7–3653 days (2557 with fixed-retention pricing), at most 5
// advanced selectors, 10 per region, termination protection on by default, an organization store only
// from the management account or a CloudTrail DA; a deleted store stays PENDING_DELETION for 7 days
// (aws-facts §6; CreateEventDataStore / DeleteEventDataStore model docs).
import { randomUUID } from 'node:crypto'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { parseAdvancedSelectors } from './event-selectors.ts'
import { type AdvancedEventSelector, cloudTrailState, type EventDataStore } from './state.ts'
import { type Caller, checkOrganizationWrite, parseTags } from './trails.ts'

const MAX_STORES_PER_REGION = 10
const NAME = /^[a-zA-Z0-9._-]{3,128}$/
const STORE_ARN = /^arn:aws:cloudtrail:([a-z0-9-]+):(\d{12}):eventdatastore\/([\w-]+)$/
const PENDING_DELETION_MS = 7 * 24 * 3600_000
const ENABLING_MS = 60_000
const BILLING_MODES = ['EXTENDABLE_RETENTION_PRICING', 'FIXED_RETENTION_PRICING'] as const

const DEFAULT_SELECTORS: AdvancedEventSelector[] = [
  { Name: 'Default management events', FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] },
]

const invalidParameter = (message: string) => new SandboxError('InvalidParameterException', message)

/** The store's status now, computed from the clock: CREATED briefly, then ENABLED (or stopped / deleting). */
export function storeStatus(store: EventDataStore, now: number): string {
  if (store.deletedAt) return 'PENDING_DELETION'
  if (!store.ingestion) return 'STOPPED_INGESTION'
  return now - store.createdAt.getTime() < ENABLING_MS ? 'CREATED' : 'ENABLED'
}

/** Stores past their 7-day pending deletion are gone. */
function purgeExpired(world: World): void {
  const stores = cloudTrailState(world).stores
  const now = world.clock.now()
  for (const [arn, store] of stores) {
    if (store.deletedAt && now - store.deletedAt.getTime() >= PENDING_DELETION_MS) stores.delete(arn)
  }
}

/** The stores the caller sees in its region: its own, and organization stores it administers. */
export function storesVisibleTo(caller: Caller): EventDataStore[] {
  purgeExpired(caller.world)
  return [...cloudTrailState(caller.world).stores.values()].filter(
    (s) => s.region === caller.region && (s.owner === caller.account || administers(caller, s)),
  )
}

function administers(caller: Caller, store: EventDataStore): boolean {
  return (
    store.organizationEnabled &&
    store.owner === caller.world.managementAccountId &&
    caller.world.isDelegatedAdmin(caller.account, 'cloudtrail.amazonaws.com')
  )
}

export function findStore(caller: Caller, ref: unknown): EventDataStore {
  const text = typeof ref === 'string' ? ref : ''
  if (text.startsWith('arn:') && !STORE_ARN.test(text)) {
    throw new SandboxError(
      'EventDataStoreARNInvalidException',
      `The specified event data store ARN is not valid: ${text}`,
    )
  }
  if (!text.startsWith('arn:') && !/^[\w-]{3,128}$/.test(text)) {
    throw new SandboxError(
      'EventDataStoreARNInvalidException',
      `The specified event data store ARN is not valid: ${text}`,
    )
  }
  const store = storesVisibleTo(caller).find((s) => s.arn === text || s.id === text)
  if (!store) {
    throw new SandboxError(
      'EventDataStoreNotFoundException',
      `The specified event data store ${text} was not found.`,
      404,
    )
  }
  return store
}

function retention(value: unknown, billing: EventDataStore['billingMode']): number {
  const max = billing === 'FIXED_RETENTION_PRICING' ? 2557 : 3653
  if (value === undefined || value === null) return billing === 'FIXED_RETENTION_PRICING' ? 2557 : 366
  const days = Number(value)
  if (!Number.isInteger(days) || days < 7 || days > max) {
    throw invalidParameter(`RetentionPeriod must be between 7 and ${max} days for ${billing}.`)
  }
  return days
}

function billingMode(value: unknown, fallback: EventDataStore['billingMode']): EventDataStore['billingMode'] {
  if (value === undefined || value === null) return fallback
  if (!BILLING_MODES.includes(value as EventDataStore['billingMode'])) {
    throw invalidParameter(`BillingMode ${String(value)} is not valid.`)
  }
  return value as EventDataStore['billingMode']
}

function checkName(caller: Caller, name: unknown, except?: EventDataStore): string {
  if (typeof name !== 'string' || !NAME.test(name)) {
    throw invalidParameter(
      'Event data store name must be 3-128 characters: letters, numbers, periods, underscores and dashes.',
    )
  }
  const clash = storesVisibleTo(caller).find((s) => s !== except && s.name === name && !s.deletedAt)
  if (clash) {
    throw new SandboxError(
      'EventDataStoreAlreadyExistsException',
      `An event data store named ${name} already exists.`,
    )
  }
  return name
}

export function createStore(caller: Caller, input: Record<string, unknown>): EventDataStore {
  const { world, account, region } = caller
  const name = checkName(caller, input.Name)
  const organizationEnabled = input.OrganizationEnabled === true
  if (organizationEnabled) checkOrganizationWrite(world, account)
  const owner = organizationEnabled ? world.managementAccountId : account
  const billing = billingMode(input.BillingMode, 'EXTENDABLE_RETENTION_PRICING')
  const selectors =
    input.AdvancedEventSelectors === undefined
      ? DEFAULT_SELECTORS
      : parseAdvancedSelectors(input.AdvancedEventSelectors, 5)
  const inRegion = [...cloudTrailState(world).stores.values()].filter(
    (s) => s.owner === owner && s.region === region,
  )
  if (inRegion.length >= MAX_STORES_PER_REGION) {
    throw new SandboxError(
      'EventDataStoreMaxLimitExceededException',
      `Your account has reached the limit of ${MAX_STORES_PER_REGION} event data stores in ${region}.`,
    )
  }
  const id = randomUUID()
  const now = world.clock.date()
  const store: EventDataStore = {
    id,
    arn: `arn:aws:cloudtrail:${region}:${owner}:eventdatastore/${id}`,
    name,
    owner,
    region,
    advancedEventSelectors: selectors,
    multiRegionEnabled: input.MultiRegionEnabled !== false,
    organizationEnabled,
    retentionPeriod: retention(input.RetentionPeriod, billing),
    terminationProtectionEnabled: input.TerminationProtectionEnabled !== false,
    billingMode: billing,
    ...(typeof input.KmsKeyId === 'string' && { kmsKeyId: input.KmsKeyId }),
    ingestion: input.StartIngestion !== false,
    createdAt: now,
    updatedAt: now,
    tags: parseTags(input.TagsList),
  }
  cloudTrailState(world).stores.set(store.arn, store)
  return store
}

export function updateStore(caller: Caller, input: Record<string, unknown>): EventDataStore {
  const store = findStore(caller, input.EventDataStore)
  if (store.deletedAt) {
    throw new SandboxError(
      'InactiveEventDataStoreException',
      `Event data store ${store.arn} is pending deletion.`,
    )
  }
  const name = input.Name === undefined ? store.name : checkName(caller, input.Name, store)
  if (input.OrganizationEnabled !== undefined && input.OrganizationEnabled !== store.organizationEnabled) {
    checkOrganizationWrite(caller.world, caller.account)
  }
  const billing = billingMode(input.BillingMode, store.billingMode)
  if (store.billingMode === 'EXTENDABLE_RETENTION_PRICING' && billing === 'FIXED_RETENTION_PRICING') {
    throw invalidParameter(
      'The billing mode cannot be changed from EXTENDABLE_RETENTION_PRICING to FIXED_RETENTION_PRICING.',
    )
  }
  if (input.KmsKeyId !== undefined && store.kmsKeyId !== undefined && input.KmsKeyId !== store.kmsKeyId) {
    throw invalidParameter('The KMS key of an event data store cannot be changed once set.')
  }
  const period =
    input.RetentionPeriod === undefined ? store.retentionPeriod : retention(input.RetentionPeriod, billing)
  if (input.RetentionPeriod === undefined && billing === 'FIXED_RETENTION_PRICING' && period > 2557) {
    throw invalidParameter('RetentionPeriod must be between 7 and 2557 days for FIXED_RETENTION_PRICING.')
  }
  const selectors =
    input.AdvancedEventSelectors === undefined
      ? store.advancedEventSelectors
      : parseAdvancedSelectors(input.AdvancedEventSelectors, 5)
  Object.assign(store, {
    name,
    billingMode: billing,
    retentionPeriod: period,
    advancedEventSelectors: selectors,
    ...(typeof input.MultiRegionEnabled === 'boolean' && { multiRegionEnabled: input.MultiRegionEnabled }),
    ...(typeof input.OrganizationEnabled === 'boolean' && { organizationEnabled: input.OrganizationEnabled }),
    ...(typeof input.TerminationProtectionEnabled === 'boolean' && {
      terminationProtectionEnabled: input.TerminationProtectionEnabled,
    }),
    ...(typeof input.KmsKeyId === 'string' && { kmsKeyId: input.KmsKeyId }),
    updatedAt: caller.world.clock.date(),
  })
  return store
}

export function deleteStore(caller: Caller, ref: unknown): void {
  const store = findStore(caller, ref)
  if (store.deletedAt) {
    throw new SandboxError(
      'InactiveEventDataStoreException',
      `Event data store ${store.arn} is pending deletion.`,
    )
  }
  if (store.terminationProtectionEnabled) {
    throw new SandboxError(
      'EventDataStoreTerminationProtectedException',
      `Event data store ${store.arn} cannot be deleted because termination protection is enabled.`,
    )
  }
  store.deletedAt = caller.world.clock.date()
}

export function storeOutput(store: EventDataStore, now: number): Record<string, unknown> {
  return {
    EventDataStoreArn: store.arn,
    Name: store.name,
    Status: storeStatus(store, now),
    AdvancedEventSelectors: store.advancedEventSelectors,
    MultiRegionEnabled: store.multiRegionEnabled,
    OrganizationEnabled: store.organizationEnabled,
    RetentionPeriod: store.retentionPeriod,
    TerminationProtectionEnabled: store.terminationProtectionEnabled,
    CreatedTimestamp: store.createdAt,
    UpdatedTimestamp: store.updatedAt,
    KmsKeyId: store.kmsKeyId,
    BillingMode: store.billingMode,
  }
}
