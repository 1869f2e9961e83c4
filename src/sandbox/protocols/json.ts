// awsJson1_1: `X-Amz-Target: <prefix>.<Operation>`, a JSON body in and out. Timestamps travel as epoch
// seconds; errors as `{"__type": code, "message": …}` plus the `x-amzn-ErrorType` header, which is what the
// SDK's AwsJson1_1Protocol reads (`loadJsonRpcErrorCode`: `__type`, `code`, then the header).
import { SandboxError } from '../errors.ts'
import type { DecodedCall, WireResponse } from './wire.ts'

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1'

// The target's service part is the Smithy shape name (what the JS SDK sends) or, for some services, its
// namespaced form (what botocore and the AWS CLI send, e.g. `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101`):
// AWS accepts both.
export function decodeJsonCall(target: string | undefined, prefix: string, body: string): DecodedCall {
  const dot = target?.lastIndexOf('.') ?? -1
  const service = target?.slice(0, dot)
  const known = service === prefix || service?.endsWith(`.${prefix}`)
  const operation = target && dot > 0 && known ? target.slice(dot + 1) : undefined
  if (!operation) throw new SandboxError('UnknownOperationException', '', 400)
  return { operation, input: parseJsonBody(body) }
}

export function parseJsonBody(body: string): Record<string, unknown> {
  if (body.trim() === '') return {}
  let parsed: unknown
  try {
    parsed = JSON.parse(body)
  } catch {
    throw new SandboxError(
      'SerializationException',
      'Start of structure or map found where not expected.',
      400,
    )
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new SandboxError(
      'SerializationException',
      'Start of structure or map found where not expected.',
      400,
    )
  }
  return parsed as Record<string, unknown>
}

/** Dates become epoch seconds (the JSON protocols' default timestamp format); Maps become objects. */
export function toJsonText(value: unknown): string {
  return JSON.stringify(jsonSafe(value ?? {}))
}

function jsonSafe(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000
  if (Array.isArray(value)) return value.map(jsonSafe)
  if (value instanceof Map) return jsonSafe(Object.fromEntries(value))
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonSafe(v)
    return out
  }
  return value
}

export function encodeJsonResult(result: unknown): WireResponse {
  return {
    status: 200,
    headers: { 'content-type': JSON_CONTENT_TYPE },
    body: toJsonText(result),
  }
}

export function encodeJsonError(error: SandboxError): WireResponse {
  const body: Record<string, unknown> = { __type: error.code, message: error.message }
  // Organizations' (and others') error shapes model the member as `Message`; the SDK copies model members.
  if (!('Message' in error.fields)) body.Message = error.message
  Object.assign(body, error.fields)
  return {
    status: error.status,
    headers: { 'content-type': JSON_CONTENT_TYPE, 'x-amzn-errortype': error.code },
    body: toJsonText(body),
  }
}
