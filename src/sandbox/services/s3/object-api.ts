// S3's object operations: PutObject, GetObject, HeadObject, DeleteObject, DeleteObjects, ListObjectsV2,
// ListObjectVersions, GetObjectRetention, PutObjectRetention (S3 API reference, each operation's page: headers,
// response elements, and the errors named there). Authorization happened before (authz/actions/s3.ts),
// except DeleteObjects, which S3 authorizes per key.

import { deleteEntry, S3_HEADERS } from '../../authz/actions/s3.ts'
import { authorizeEntries } from '../../authz/authorize-call.ts'
import { SandboxError } from '../../errors.ts'
import type { RestXmlRequest, RestXmlResult } from '../../protocols/rest-xml.ts'
import type { CallContext } from '../service.ts'
import { sessions } from '../sts-sessions.ts'
import { bucketFor, str } from './bucket-lookup.ts'
import {
  deleteObject,
  isLocked,
  latest,
  lockedDenial,
  type ObjectVersion,
  objectsOf,
  type Retention,
  putObject as writeObject,
} from './objects.ts'

type Input = Record<string, unknown>

const invalidArgument = (message: string, name?: string, value?: string) =>
  new SandboxError('InvalidArgument', message, 400, {
    ...(name !== undefined && { ArgumentName: name }),
    ...(value !== undefined && { ArgumentValue: value }),
  })
const missingLock = () => new SandboxError('InvalidRequest', 'Bucket is missing Object Lock Configuration')

function lockHeaders(version: ObjectVersion): Record<string, string> {
  if (!version.retention) return {}
  return {
    'x-amz-object-lock-mode': version.retention.mode,
    'x-amz-object-lock-retain-until-date': version.retention.until.toISOString(),
  }
}

function encryptionHeaders(version: ObjectVersion): Record<string, string> {
  return {
    'x-amz-server-side-encryption': version.encryption.algorithm,
    ...(version.encryption.kmsKeyId && {
      'x-amz-server-side-encryption-aws-kms-key-id': version.encryption.kmsKeyId,
    }),
  }
}

const versionHeader = (versionId: string | undefined, versioned: boolean): Record<string, string> =>
  versionId !== undefined && versioned ? { 'x-amz-version-id': versionId } : {}

function requestedRetention(mode: string | undefined, until: string | undefined): Retention | undefined {
  if (mode === undefined && until === undefined) return undefined
  // PutObject: both Object Lock headers or neither (S3 API reference, PutObject "x-amz-object-lock-mode").
  if (mode === undefined || until === undefined)
    throw invalidArgument(
      'x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied',
    )
  const date = new Date(until)
  if (Number.isNaN(date.getTime())) throw invalidArgument('The retain until date must be a valid date')
  return { mode: mode as Retention['mode'], until: date }
}

export function putObject(input: Input, ctx: CallContext, request: RestXmlRequest): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const retention = requestedRetention(str(input.ObjectLockMode), str(input.ObjectLockRetainUntilDate))
  if (retention && !bucket.objectLock.enabled) throw missingLock()
  if (retention && retention.until.getTime() <= ctx.world.clock.now())
    throw invalidArgument('The retain until date must be in the future!')
  const algorithm = str(input.ServerSideEncryption)
  const kmsKeyId = str(input.SSEKMSKeyId)
  if (kmsKeyId && !algorithm?.startsWith('aws:kms'))
    throw invalidArgument(
      'Server Side Encryption with AWS KMS managed key requires HTTP header x-amz-server-side-encryption : aws:kms',
    )
  // SSE-KMS without a key named: the bucket's default key, else the AWS managed key (not modelled: none named).
  const kmsKey = kmsKeyId ?? (algorithm?.startsWith('aws:kms') ? bucket.encryption.kmsKeyId : undefined)
  const version = writeObject(ctx.world, bucket, {
    key: str(input.Key) ?? '',
    body: request.body,
    ...(str(input.ContentType) && { contentType: str(input.ContentType) }),
    ...(algorithm && { encryption: { algorithm, ...(kmsKey && { kmsKeyId: kmsKey }) } }),
    ...(retention && { retention }),
    writer: ctx.account,
  })
  return {
    headers: {
      ETag: version.etag,
      ...versionHeader(version.versionId, bucket.versioning !== undefined),
      ...encryptionHeaders(version),
    },
  }
}

/** The version a Get/Head/Retention request names: the latest, or the one `VersionId` names. */
function findVersion(input: Input, ctx: CallContext, forRead: boolean): ObjectVersion {
  const bucket = bucketFor(input, ctx)
  const key = str(input.Key) ?? ''
  const versions = objectsOf(bucket).get(key)
  const versionId = str(input.VersionId)
  if (versionId === undefined) {
    const current = latest(versions)
    if (!current || current.deleteMarker) {
      throw new SandboxError('NoSuchKey', 'The specified key does not exist.', 404, {
        Key: key,
        ...(current && { deleteMarker: true }),
      })
    }
    return current
  }
  const found = versions?.find((v) => v.versionId === versionId)
  if (!found) {
    throw new SandboxError('NoSuchVersion', 'The specified version does not exist.', 404, {
      Key: key,
      VersionId: versionId,
    })
  }
  // A GET of a delete marker by its version id: 405 (S3 user guide, "Working with delete markers").
  if (found.deleteMarker && forRead)
    throw new SandboxError(
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      405,
    )
  return found
}

function objectHeaders(version: ObjectVersion, versioned: boolean): Record<string, string> {
  return {
    ETag: version.etag,
    'Last-Modified': version.lastModified.toUTCString(),
    ...versionHeader(version.versionId, versioned),
    ...encryptionHeaders(version),
    ...lockHeaders(version),
  }
}

export function getObject(input: Input, ctx: CallContext): RestXmlResult {
  const version = findVersion(input, ctx, true)
  const versioned = bucketFor(input, ctx).versioning !== undefined
  return {
    headers: objectHeaders(version, versioned),
    raw: { body: version.body, contentType: version.contentType },
  }
}

export function headObject(input: Input, ctx: CallContext): RestXmlResult {
  const version = findVersion(input, ctx, true)
  const versioned = bucketFor(input, ctx).versioning !== undefined
  return {
    headers: {
      ...objectHeaders(version, versioned),
      'content-type': version.contentType,
      'content-length': String(Buffer.byteLength(version.body)),
    },
  }
}

export function deleteObjectOp(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const bypass = String(input.BypassGovernanceRetention) === 'true'
  const result = deleteObject(ctx.world, bucket, str(input.Key) ?? '', str(input.VersionId), bypass)
  return {
    status: 204,
    headers: {
      ...(result.deleteMarker && { 'x-amz-delete-marker': 'true' }),
      ...versionHeader(result.versionId, bucket.versioning !== undefined),
    },
  }
}

interface DeleteRequest {
  Objects?: { Key?: string; VersionId?: string }[]
  Quiet?: string
}

export function deleteObjects(input: Input, ctx: CallContext, request: RestXmlRequest): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const body = (input.Delete ?? {}) as DeleteRequest
  const objects = body.Objects ?? []
  // S3 API reference, DeleteObjects: "up to 1,000 keys"; an empty or larger list is MalformedXML.
  if (objects.length === 0 || objects.length > 1000) {
    throw new SandboxError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
    )
  }
  const caller = sessions(ctx.world).get(ctx.accessKeyId)
  const bypass = String(input.BypassGovernanceRetention) === 'true'
  const deleted: Record<string, unknown>[] = []
  const errors: Record<string, unknown>[] = []
  for (const object of objects) {
    const key = object.Key ?? ''
    const versionId = object.VersionId
    const denied =
      caller &&
      authorizeEntries(ctx.world, caller, 's3', deleteEntry(versionId, bypass), ctx.region, () => ({
        [S3_HEADERS]: request.headers,
        Bucket: bucket.name,
        Key: key,
        ...(versionId !== undefined && { VersionId: versionId }),
      }))
    if (denied) {
      errors.push({ Key: key, VersionId: versionId, Code: 'AccessDenied', Message: denied.message })
      continue
    }
    try {
      const result = deleteObject(ctx.world, bucket, key, versionId, bypass)
      deleted.push({
        Key: key,
        VersionId: versionId,
        ...(result.deleteMarker && { DeleteMarker: 'true' }),
        ...(result.deleteMarker && versionId === undefined && { DeleteMarkerVersionId: result.versionId }),
      })
    } catch (error) {
      if (!(error instanceof SandboxError)) throw error
      errors.push({ Key: key, VersionId: versionId, Code: error.code, Message: error.message })
    }
  }
  const quiet = body.Quiet === 'true'
  return { xml: { root: 'DeleteResult', value: { Deleted: quiet ? [] : deleted, Error: errors } } }
}

const MAX_KEYS = 1000

function maxKeys(input: Input): number {
  const value = input.MaxKeys === undefined ? MAX_KEYS : Number(input.MaxKeys)
  if (!Number.isInteger(value) || value < 0)
    throw invalidArgument(
      'Provided max-keys not an integer or within integer range',
      'max-keys',
      String(input.MaxKeys),
    )
  return Math.min(value, MAX_KEYS)
}

export function listObjectsV2(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const prefix = str(input.Prefix) ?? ''
  const delimiter = str(input.Delimiter)
  const limit = maxKeys(input)
  const token = str(input.ContinuationToken)
  const after = token ? Buffer.from(token, 'base64url').toString('utf8') : (str(input.StartAfter) ?? '')
  const keys = [...objectsOf(bucket).entries()]
    .filter(([key, versions]) => key.startsWith(prefix) && key > after && !latest(versions)?.deleteMarker)
    .sort(([a], [b]) => (a < b ? -1 : 1))
  const contents: Record<string, unknown>[] = []
  const commonPrefixes = new Set<string>()
  let last: string | undefined
  let truncated = false
  for (const [key, versions] of keys) {
    if (contents.length + commonPrefixes.size >= limit) {
      truncated = true
      break
    }
    last = key
    const rest = key.slice(prefix.length)
    const cut = delimiter ? rest.indexOf(delimiter) : -1
    if (delimiter && cut >= 0) {
      commonPrefixes.add(prefix + rest.slice(0, cut + delimiter.length))
      continue
    }
    const version = latest(versions) as ObjectVersion
    contents.push({
      Key: key,
      LastModified: version.lastModified,
      ETag: version.etag,
      Size: Buffer.byteLength(version.body),
      StorageClass: 'STANDARD',
    })
  }
  return {
    xml: {
      root: 'ListBucketResult',
      value: {
        Name: bucket.name,
        Prefix: prefix,
        ...(delimiter && { Delimiter: delimiter }),
        MaxKeys: limit,
        KeyCount: contents.length + commonPrefixes.size,
        IsTruncated: truncated,
        ...(token && { ContinuationToken: token }),
        ...(truncated && last && { NextContinuationToken: Buffer.from(last).toString('base64url') }),
        Contents: contents,
        CommonPrefixes: [...commonPrefixes].map((p) => ({ Prefix: p })),
      },
    },
  }
}

export function listObjectVersions(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  const prefix = str(input.Prefix) ?? ''
  const limit = maxKeys(input)
  const versions: Record<string, unknown>[] = []
  const markers: Record<string, unknown>[] = []
  let truncated = false
  const keys = [...objectsOf(bucket).keys()].filter((k) => k.startsWith(prefix)).sort()
  for (const key of keys) {
    const all = objectsOf(bucket).get(key) ?? []
    // Newest first, as S3 lists them.
    for (const [i, version] of [...all].reverse().entries()) {
      if (versions.length + markers.length >= limit) {
        truncated = true
        break
      }
      const common = {
        Key: key,
        VersionId: version.versionId,
        IsLatest: i === 0,
        LastModified: version.lastModified,
      }
      if (version.deleteMarker) markers.push(common)
      else
        versions.push({
          ...common,
          ETag: version.etag,
          Size: Buffer.byteLength(version.body),
          StorageClass: 'STANDARD',
        })
    }
    if (truncated) break
  }
  // Paging past MaxKeys (KeyMarker / VersionIdMarker) is not modelled: a truncated answer says so.
  return {
    xml: {
      root: 'ListVersionsResult',
      value: {
        Name: bucket.name,
        Prefix: prefix,
        MaxKeys: limit,
        IsTruncated: truncated,
        Version: versions,
        DeleteMarker: markers,
      },
    },
  }
}

export function getObjectRetention(input: Input, ctx: CallContext): RestXmlResult {
  if (!bucketFor(input, ctx).objectLock.enabled) throw missingLock()
  const version = findVersion(input, ctx, false)
  if (!version.retention) {
    throw new SandboxError(
      'NoSuchObjectLockConfiguration',
      'The specified object does not have a ObjectLock configuration',
      404,
    )
  }
  return {
    xml: {
      root: 'Retention',
      value: { Mode: version.retention.mode, RetainUntilDate: version.retention.until },
    },
  }
}

/**
 * PutObjectRetention: COMPLIANCE can only be extended (never shortened, removed or turned into GOVERNANCE),
 * by anyone; GOVERNANCE can be shortened, removed or changed only with x-amz-bypass-governance-retention
 * (s3:BypassGovernanceRetention authorized before); extending either needs no bypass (S3 user guide,
 * "Retention modes" and "Extending a retention period").
 */
export function putObjectRetention(input: Input, ctx: CallContext): RestXmlResult {
  const bucket = bucketFor(input, ctx)
  if (!bucket.objectLock.enabled) throw missingLock()
  const version = findVersion(input, ctx, false)
  const body = (input.Retention ?? {}) as { Mode?: string; RetainUntilDate?: string }
  const next =
    body.Mode === undefined && body.RetainUntilDate === undefined
      ? undefined
      : requestedRetention(body.Mode, body.RetainUntilDate)
  if (next && next.until.getTime() <= ctx.world.clock.now())
    throw invalidArgument('The retain until date must be in the future!')
  const current = version.retention
  if (current && isLocked(ctx.world, version)) {
    const extended = next !== undefined && next.until.getTime() >= current.until.getTime()
    const keepsStrength = next !== undefined && (next.mode === current.mode || next.mode === 'COMPLIANCE')
    if (!(extended && keepsStrength)) {
      const bypass = String(input.BypassGovernanceRetention) === 'true'
      if (current.mode === 'COMPLIANCE' || !bypass) throw lockedDenial()
    }
  }
  if (next) version.retention = next
  else delete version.retention
  return {}
}
