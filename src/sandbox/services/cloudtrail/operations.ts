// CloudTrail's API operations over the trail and event-data-store models.

import { SandboxError } from '../../errors.ts'
import type { CallContext, Operation } from '../service.ts'
import { CLOUDTRAIL_SLR, ensureServiceLinkedRole } from '../service-linked-roles.ts'
import { pageOf } from '../token-paging.ts'
import { checkManagementRole } from './delivery.ts'
import {
  createStore,
  deleteStore,
  findStore,
  storeOutput,
  storesVisibleTo,
  updateStore,
} from './event-data-stores.ts'
import { putEventSelectors, selectorsOutput } from './event-selectors.ts'
import {
  CLOUDTRAIL_PRINCIPAL,
  type EventDataStore,
  isOrganizationMember,
  latestDelivery,
  ownedTrails,
  type Trail,
  visibleTrails,
} from './state.ts'
import {
  type Caller,
  createTrail,
  deleteTrail,
  findTrail,
  findWritableTrail,
  parseTags,
  setLogging,
  settingsFrom,
  trailOutput,
  updateTrail,
} from './trails.ts'

const LIST_TRAILS_PAGE = 50
const LIST_TAGS_PAGE = 20
const MAX_TAGS = 50
const MAX_DELEGATED_ADMINS = 3

function caller(ctx: CallContext): Caller {
  return { world: ctx.world, account: ctx.account, region: ctx.region }
}

function required(input: Record<string, unknown>, key: string): string {
  const value = input[key]
  if (typeof value !== 'string' || value === '') {
    if (key === 'Name' || key === 'TrailName') {
      throw new SandboxError('TrailNotProvidedException', 'A trail name or ARN must be provided.', 404)
    }
    throw new SandboxError('InvalidParameterException', `${key} must be provided.`)
  }
  return value
}

const isoTime = (date: Date | undefined) => date?.toISOString()

/** A tag target: a trail (by ARN) or an event data store (by ARN). */
function tagTarget(c: Caller, resourceId: unknown, forWrite: boolean): Trail | EventDataStore {
  const id = typeof resourceId === 'string' ? resourceId : ''
  if (id.includes(':eventdatastore/')) return findStore(c, id)
  if (!id.startsWith('arn:')) {
    throw new SandboxError('CloudTrailARNInvalidException', `Invalid ARN: ${id}. A trail ARN is required.`)
  }
  try {
    return forWrite ? findWritableTrail(c, id) : findTrail(c, id).trail
  } catch (error) {
    if (error instanceof SandboxError && error.code === 'TrailNotFoundException') {
      throw new SandboxError('ResourceNotFoundException', `The specified resource is not found: ${id}`)
    }
    throw error
  }
}

export const trailOperations: Record<string, Operation> = {
  CreateTrail(input, ctx) {
    const trail = createTrail(
      caller(ctx),
      required(input, 'Name'),
      settingsFrom(input),
      parseTags(input.TagsList),
    )
    return trailOutput(trail, false)
  },

  UpdateTrail(input, ctx) {
    return trailOutput(updateTrail(caller(ctx), required(input, 'Name'), settingsFrom(input)), false)
  },

  DeleteTrail(input, ctx) {
    deleteTrail(caller(ctx), required(input, 'Name'))
    return {}
  },

  DescribeTrails(input, ctx) {
    const c = caller(ctx)
    const includeShadow = input.includeShadowTrails !== false
    const names = Array.isArray(input.trailNameList) ? (input.trailNameList as string[]) : []
    if (names.length === 0) {
      const trails = visibleTrails(c.world, c.account, c.region).filter(
        ({ shadow }) => includeShadow || !shadow,
      )
      return { trailList: trails.map(({ trail }) => trailOutput(trail, true)) }
    }
    // Named trails that do not exist are left out rather than failing the call.
    const found: Trail[] = []
    for (const name of names) {
      try {
        const hit = findTrail(c, name)
        if (includeShadow || !hit.shadow) found.push(hit.trail)
      } catch (error) {
        if (!(error instanceof SandboxError) || error.code !== 'TrailNotFoundException') throw error
      }
    }
    return { trailList: found.map((t) => trailOutput(t, true)) }
  },

  GetTrail(input, ctx) {
    return { Trail: trailOutput(findTrail(caller(ctx), required(input, 'Name')).trail, true) }
  },

  GetTrailStatus(input, ctx) {
    const trail = findTrail(caller(ctx), required(input, 'Name')).trail
    const delivered = latestDelivery(trail, ctx.world.clock.now())
    return {
      IsLogging: trail.logging,
      StartLoggingTime: trail.startLoggingTime,
      StopLoggingTime: trail.stopLoggingTime,
      TimeLoggingStarted: isoTime(trail.startLoggingTime),
      TimeLoggingStopped: isoTime(trail.stopLoggingTime),
      LatestDeliveryTime: delivered,
      LatestDeliveryAttemptTime: isoTime(delivered),
      LatestDeliveryAttemptSucceeded: isoTime(delivered),
      LatestDigestDeliveryTime: trail.logFileValidationEnabled ? delivered : undefined,
    }
  },

  StartLogging(input, ctx) {
    const trail = findWritableTrail(caller(ctx), required(input, 'Name'))
    checkManagementRole(ctx.world, trail)
    setLogging(ctx.world, trail, true)
    return {}
  },

  StopLogging(input, ctx) {
    setLogging(ctx.world, findWritableTrail(caller(ctx), required(input, 'Name')), false)
    return {}
  },

  GetEventSelectors(input, ctx) {
    return selectorsOutput(findTrail(caller(ctx), required(input, 'TrailName')).trail)
  },

  PutEventSelectors(input, ctx) {
    const trail = findWritableTrail(caller(ctx), required(input, 'TrailName'))
    putEventSelectors(trail, input.EventSelectors, input.AdvancedEventSelectors)
    return selectorsOutput(trail)
  },

  ListTrails(input, ctx) {
    const c = caller(ctx)
    // Every trail of the account in every region, plus the organization's trails for a member account.
    const own = ownedTrails(c.world, c.account)
    const org =
      c.account !== c.world.managementAccountId && isOrganizationMember(c.world, c.account)
        ? ownedTrails(c.world, c.world.managementAccountId).filter((t) => t.isOrganizationTrail)
        : []
    const all = [...own, ...org].map((t) => ({ TrailARN: t.arn, Name: t.name, HomeRegion: t.homeRegion }))
    const page = pageOf(all, input.NextToken, LIST_TRAILS_PAGE, ctx, `trails:${c.account}`, () => {
      return new SandboxError('InvalidTokenException', 'The NextToken is not valid.')
    })
    return { Trails: page.items, NextToken: page.nextToken }
  },

  AddTags(input, ctx) {
    const target = tagTarget(caller(ctx), input.ResourceId, true)
    const added = parseTags(input.TagsList)
    const merged = new Map([...target.tags, ...added])
    if (merged.size > MAX_TAGS) {
      throw new SandboxError(
        'TagsLimitExceededException',
        `The number of tags exceeds the limit of ${MAX_TAGS}.`,
      )
    }
    target.tags = merged
    return {}
  },

  RemoveTags(input, ctx) {
    const target = tagTarget(caller(ctx), input.ResourceId, true)
    for (const tag of parseTags(input.TagsList).keys()) target.tags.delete(tag)
    return {}
  },

  ListTags(input, ctx) {
    const c = caller(ctx)
    const ids = Array.isArray(input.ResourceIdList) ? (input.ResourceIdList as unknown[]) : []
    if (ids.length === 0 || ids.length > LIST_TAGS_PAGE) {
      throw new SandboxError(
        'InvalidParameterException',
        `ResourceIdList must hold 1 to ${LIST_TAGS_PAGE} ARNs.`,
      )
    }
    return {
      ResourceTagList: ids.map((id) => ({
        ResourceId: id,
        TagsList: [...tagTarget(c, id, false).tags].map(([Key, Value]) => ({ Key, Value })),
      })),
    }
  },
}

export const eventDataStoreOperations: Record<string, Operation> = {
  CreateEventDataStore(input, ctx) {
    const store = createStore(caller(ctx), input)
    return {
      ...storeOutput(store, ctx.world.clock.now()),
      TagsList: [...store.tags].map(([Key, Value]) => ({ Key, Value })),
    }
  },

  GetEventDataStore(input, ctx) {
    return storeOutput(findStore(caller(ctx), input.EventDataStore), ctx.world.clock.now())
  },

  UpdateEventDataStore(input, ctx) {
    return storeOutput(updateStore(caller(ctx), input), ctx.world.clock.now())
  },

  DeleteEventDataStore(input, ctx) {
    deleteStore(caller(ctx), input.EventDataStore)
    return {}
  },

  ListEventDataStores(input, ctx) {
    const c = caller(ctx)
    const max = input.MaxResults
    if (max !== undefined && (!Number.isInteger(max) || (max as number) < 1 || (max as number) > 1000)) {
      throw new SandboxError('InvalidMaxResultsException', 'MaxResults must be between 1 and 1000.')
    }
    const now = ctx.world.clock.now()
    const all = storesVisibleTo(c)
    const page = pageOf(
      all,
      input.NextToken,
      (max as number | undefined) ?? 1000,
      ctx,
      `stores:${c.account}`,
      () => {
        return new SandboxError('InvalidNextTokenException', 'The NextToken is not valid.')
      },
    )
    return {
      EventDataStores: page.items.map((s) => {
        const { KmsKeyId: _kms, BillingMode: _billing, ...summary } = storeOutput(s, now)
        return summary
      }),
      NextToken: page.nextToken,
    }
  },

  /** CloudTrail's own way to register a delegated administrator (it registers it in Organizations). */
  RegisterOrganizationDelegatedAdmin(input, ctx) {
    const { world } = ctx
    const member = String(input.MemberAccountId ?? '')
    if (ctx.account !== world.managementAccountId) {
      throw new SandboxError(
        'NotOrganizationManagementAccountException',
        'This operation can be called only from the management account of the organization.',
        403,
      )
    }
    if (member === world.managementAccountId) {
      throw new SandboxError(
        'CannotDelegateManagementAccountException',
        'You cannot register the management account as a delegated administrator.',
      )
    }
    if (!world.accounts.has(member)) {
      throw new SandboxError('AccountNotFoundException', `Account ${member} is not in the organization.`, 404)
    }
    const admins = world.delegatedAdmins.get(CLOUDTRAIL_PRINCIPAL) ?? new Map<string, Date>()
    if (admins.has(member)) {
      throw new SandboxError(
        'AccountRegisteredException',
        `Account ${member} is already a delegated administrator.`,
      )
    }
    if (admins.size >= MAX_DELEGATED_ADMINS) {
      throw new SandboxError(
        'DelegatedAdminAccountLimitExceededException',
        `The organization already has ${MAX_DELEGATED_ADMINS} CloudTrail delegated administrators.`,
      )
    }
    if (!world.trustedAccess.has(CLOUDTRAIL_PRINCIPAL))
      world.trustedAccess.set(CLOUDTRAIL_PRINCIPAL, world.clock.date())
    // CloudTrail creates the management account's service-linked role if it is missing (user guide,
    // "Add a CloudTrail delegated administrator").
    ensureServiceLinkedRole(world, world.managementAccountId, CLOUDTRAIL_SLR)
    admins.set(member, world.clock.date())
    world.delegatedAdmins.set(CLOUDTRAIL_PRINCIPAL, admins)
    return {}
  },

  DeregisterOrganizationDelegatedAdmin(input, ctx) {
    const { world } = ctx
    const member = String(input.DelegatedAdminAccountId ?? '')
    if (ctx.account !== world.managementAccountId) {
      throw new SandboxError(
        'NotOrganizationManagementAccountException',
        'This operation can be called only from the management account of the organization.',
        403,
      )
    }
    if (!world.delegatedAdmins.get(CLOUDTRAIL_PRINCIPAL)?.delete(member)) {
      throw new SandboxError(
        'AccountNotRegisteredException',
        `Account ${member} is not a delegated administrator.`,
      )
    }
    return {}
  },
}
