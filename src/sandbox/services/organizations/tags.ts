// Tags on accounts, OUs, roots and policies: TagResource, UntagResource, ListTagsForResource.
import { EVENTUAL } from '../../consistency.ts'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { Operation } from '../service.ts'
import { invalidInput, paginate, requiredString, requireManagement, requireReader } from './common.ts'
import { orgState } from './model.ts'

/** AWS: at most 50 user tags per resource. */
const MAX_TAGS = 50

function tagsOf(world: World, resourceId: string): Map<string, string> {
  const policy = world.policies.get(resourceId)
  if (policy) return policy.tags
  const exists = world.accounts.has(resourceId) || world.ous.has(resourceId) || resourceId === world.rootId
  if (!exists) {
    throw new SandboxError(
      'TargetNotFoundException',
      'We can’t find a root, OU, account, or policy with the TargetId that you specified.',
      404,
    )
  }
  const tags = orgState(world).tags
  let map = tags.get(resourceId)
  if (!map) {
    map = new Map()
    tags.set(resourceId, map)
  }
  return map
}

export function parseTags(raw: unknown): [string, string][] {
  if (raw === undefined || raw === null || raw === '') return []
  if (!Array.isArray(raw)) throw invalidInput('INVALID_ENUM', 'You specified an invalid value.')
  return raw.map((tag: { Key?: unknown; Value?: unknown }) => {
    if (typeof tag?.Key !== 'string' || tag.Key === '')
      throw invalidInput('INPUT_REQUIRED', 'You must specify a value for Key.')
    if (tag.Key.startsWith('aws:'))
      throw invalidInput('INVALID_SYSTEM_TAGS_PARAMETER', 'You can’t use the aws: prefix in tag keys.')
    return [tag.Key, typeof tag.Value === 'string' ? tag.Value : '']
  })
}

interface StaleView {
  tags: { Key: string; Value: string }[]
  until: number
}

/** Eventual mode: what ListTagsForResource still answers for a resource written a moment ago. */
const staleViews = (world: World) =>
  world.slice('organizations-stale-tags', () => new Map<string, StaleView>())

/**
 * Called before a tag write: in eventual mode reads keep answering the tags as they were for a few
 * simulated seconds (README, "Eventual consistency"). Writes inside a window keep its oldest view.
 */
function staleAfterWrite(world: World, resourceId: string): void {
  const delay = world.consistency.delay(EVENTUAL.staleTags)
  if (delay === 0) return
  const now = world.clock.now()
  const views = staleViews(world)
  const open = views.get(resourceId)
  if (open && open.until > now) open.until = Math.max(open.until, now + delay)
  else views.set(resourceId, { tags: readTags(world, resourceId), until: now + delay })
}

function tagsAsRead(world: World, resourceId: string) {
  const current = readTags(world, resourceId)
  const stale = staleViews(world).get(resourceId)
  if (!stale || stale.until <= world.clock.now()) return current
  world.consistency.note('stale-tags')
  return stale.tags
}

export function applyTags(world: World, resourceId: string, raw: unknown): void {
  const tags = parseTags(raw)
  if (tags.length === 0) return
  const map = tagsOf(world, resourceId)
  staleAfterWrite(world, resourceId)
  for (const [key, value] of tags) map.set(key, value)
  if (map.size > MAX_TAGS)
    throw invalidInput(
      'TAGS_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed for this resource.',
    )
}

export const readTags = (world: World, resourceId: string) =>
  [...tagsOf(world, resourceId)].map(([Key, Value]) => ({ Key, Value }))

const tagResource: Operation = (input, ctx) => {
  requireManagement(ctx)
  const id = requiredString(input, 'ResourceId')
  const tags = parseTags(input.Tags)
  const map = tagsOf(ctx.world, id)
  const merged = new Map(map)
  for (const [k, v] of tags) merged.set(k, v)
  if (merged.size > MAX_TAGS)
    throw invalidInput(
      'TAGS_LIMIT_EXCEEDED',
      'You have exceeded the number of tags allowed for this resource.',
    )
  staleAfterWrite(ctx.world, id)
  for (const [k, v] of tags) map.set(k, v)
  return {}
}

const untagResource: Operation = (input, ctx) => {
  requireManagement(ctx)
  const id = requiredString(input, 'ResourceId')
  const keys = Array.isArray(input.TagKeys) ? (input.TagKeys as unknown[]) : []
  const map = tagsOf(ctx.world, id)
  staleAfterWrite(ctx.world, id)
  for (const key of keys) map.delete(String(key))
  return {}
}

const listTagsForResource: Operation = (input, ctx) => {
  requireReader(ctx)
  const id = requiredString(input, 'ResourceId')
  const tags = tagsAsRead(ctx.world, id)
  // ListTagsForResource has no MaxResults; AWS pages it with NextToken only.
  const page = paginate(ctx, { NextToken: input.NextToken }, tags, `ListTagsForResource:${id}`, 100)
  return { Tags: page.items, NextToken: page.nextToken }
}

export const tagOperations: Record<string, Operation> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
}
