// PutEvents (EventBridge API reference): 1–10 entries; each needs Source, DetailType and Detail (a JSON
// object) or that entry fails with its own ErrorCode; the answer lists one result per entry, in order.
// Sources starting with `aws.` are reserved for AWS services (NotAuthorizedForSourceException, one of the
// result entry's documented codes), so a test injects AWS events with the `putEvent` control instead.
import { SandboxError } from '../../errors.ts'
import type { Operation } from '../service.ts'
import { putEvent } from './delivery.ts'
import { checkBus, validation } from './rules.ts'

type Entry = Record<string, unknown>

function entryResult(entry: Entry, ctx: Parameters<Operation>[1]): Record<string, unknown> {
  const { Source, DetailType, Detail } = entry
  if (typeof Source !== 'string' || typeof DetailType !== 'string' || typeof Detail !== 'string')
    return {
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Parameters Source, DetailType and Detail are required.',
    }
  let detail: unknown
  try {
    detail = JSON.parse(Detail)
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail))
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' }
  if (Source.startsWith('aws.'))
    return {
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: `Not authorized for the source ${Source}.`,
    }
  try {
    checkBus(entry.EventBusName, ctx.account, ctx.region)
  } catch (error) {
    if (error instanceof SandboxError) return { ErrorCode: error.code, ErrorMessage: error.message }
    throw error
  }
  const { eventId } = putEvent(ctx.world, ctx.account, ctx.region, {
    source: Source,
    detailType: DetailType,
    detail: detail as Record<string, unknown>,
    ...(Array.isArray(entry.Resources) && { resources: entry.Resources.map(String) }),
    ...(entry.Time instanceof Date && { time: entry.Time }),
    ...(typeof entry.Time === 'number' && { time: new Date(entry.Time * 1000) }),
  })
  return { EventId: eventId }
}

export const putEventsOperation: Operation = (input, ctx) => {
  const entries = input.Entries
  if (!Array.isArray(entries) || entries.length < 1 || entries.length > 10) {
    throw validation(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length between 1 and 10`,
    )
  }
  const results = entries.map((e) => entryResult(e as Entry, ctx))
  return { FailedEntryCount: results.filter((r) => r.ErrorCode !== undefined).length, Entries: results }
}
