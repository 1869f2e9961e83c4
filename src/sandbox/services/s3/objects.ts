// Objects in a bucket, as versions: S3 user guide, "Retaining multiple versions of objects with S3
// Versioning" (a PUT to a versioned bucket adds a version; a DELETE without a versionId adds a delete marker;
// a DELETE with one removes that version for good; an unversioned bucket keeps one `null` version per key;
// a suspended one replaces the `null` version) and "Locking objects with Object Lock" (a version under
// retention cannot be overwritten or deleted until it ends: COMPLIANCE by no one, root included; GOVERNANCE
// only with x-amz-bypass-governance-retention and s3:BypassGovernanceRetention; delete markers are not
// protected, so a plain DELETE still adds one). Every object is written with the bucket's default retention
// unless the request names its own.
import { createHash } from 'node:crypto'
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import type { Bucket, ObjectLockRetention } from './buckets.ts'

export interface Retention {
  mode: 'GOVERNANCE' | 'COMPLIANCE'
  until: Date
}

export interface ObjectVersion {
  key: string
  /** `null` on an unversioned (or suspended) bucket, as S3 reports it. */
  versionId: string
  deleteMarker: boolean
  body: string
  etag: string
  lastModified: Date
  contentType: string
  /** Server-side encryption applied: the request's, else the bucket's default. */
  encryption: { algorithm: string; kmsKeyId?: string }
  retention?: Retention
  /** The account that wrote it (a service principal delivers on behalf of its source account). */
  writer: string
}

/** Every key's versions, oldest first. */
export function objectsOf(bucket: Bucket): Map<string, ObjectVersion[]> {
  bucket.objects ??= new Map()
  return bucket.objects
}

export const latest = (versions: ObjectVersion[] | undefined) => versions?.[versions.length - 1]

const DAY = 24 * 60 * 60 * 1000

/** The bucket's default retention, from now (S3 counts a default retention period from the object's creation). */
export function defaultRetention(world: World, rule: ObjectLockRetention | undefined): Retention | undefined {
  if (!rule) return undefined
  const now = world.clock.date()
  const until = new Date(now)
  if (rule.years !== undefined) until.setUTCFullYear(until.getUTCFullYear() + rule.years)
  else until.setTime(now.getTime() + (rule.days ?? 0) * DAY)
  return { mode: rule.mode, until }
}

export const isLocked = (world: World, version: ObjectVersion) =>
  version.retention !== undefined && version.retention.until.getTime() > world.clock.now()

/** "Access Denied because object protected by object lock." — S3's answer, as widely quoted. */
export const lockedDenial = () =>
  new SandboxError('AccessDenied', 'Access Denied because object protected by object lock.', 403)

export interface NewObject {
  key: string
  body: string
  contentType?: string
  encryption?: { algorithm: string; kmsKeyId?: string }
  retention?: Retention
  writer: string
}

/** Writes a new version (or replaces the `null` one); returns it. */
export function putObject(world: World, bucket: Bucket, spec: NewObject): ObjectVersion {
  const versions = objectsOf(bucket).get(spec.key) ?? []
  const versioned = bucket.versioning === 'Enabled'
  const kept = versioned ? versions : versions.filter((v) => v.versionId !== 'null')
  if (!versioned && kept.length !== versions.length) {
    const replaced = versions.find((v) => v.versionId === 'null')
    if (replaced && isLocked(world, replaced)) throw lockedDenial()
  }
  const version: ObjectVersion = {
    key: spec.key,
    versionId: versioned ? newVersionId(world) : 'null',
    deleteMarker: false,
    body: spec.body,
    etag: `"${createHash('md5').update(spec.body).digest('hex')}"`,
    lastModified: world.clock.date(),
    contentType: spec.contentType ?? 'binary/octet-stream',
    encryption: spec.encryption ?? {
      algorithm: bucket.encryption.algorithm,
      ...(bucket.encryption.kmsKeyId !== undefined && { kmsKeyId: bucket.encryption.kmsKeyId }),
    },
    writer: spec.writer,
  }
  const retention =
    spec.retention ??
    (bucket.objectLock.enabled ? defaultRetention(world, bucket.objectLock.defaultRetention) : undefined)
  if (retention) version.retention = retention
  objectsOf(bucket).set(spec.key, [...kept, version])
  return version
}

/** S3 version ids are opaque URL-safe strings of 32 characters. */
function newVersionId(world: World): string {
  return createHash('sha256')
    .update(`version/${world.nextId(16)}`)
    .digest('base64url')
    .slice(0, 32)
}

export interface Deletion {
  versionId?: string
  deleteMarker: boolean
}

/**
 * DeleteObject's effect on one key. Without a versionId: a delete marker on a versioned bucket, else the
 * `null` version removed (and a `null` marker when suspended). With one: that version removed for good, which
 * Object Lock refuses while retention lasts (GOVERNANCE yields to `bypassGovernance`, already authorized).
 */
export function deleteObject(
  world: World,
  bucket: Bucket,
  key: string,
  versionId: string | undefined,
  bypassGovernance: boolean,
): Deletion {
  const all = objectsOf(bucket)
  const versions = all.get(key) ?? []
  if (versionId === undefined) {
    if (bucket.versioning === undefined) {
      const current = versions.find((v) => v.versionId === 'null')
      if (current && isLocked(world, current)) throw lockedDenial()
      all.delete(key)
      return { deleteMarker: false }
    }
    const enabled = bucket.versioning === 'Enabled'
    const marker: ObjectVersion = {
      key,
      versionId: enabled ? newVersionId(world) : 'null',
      deleteMarker: true,
      body: '',
      etag: '',
      lastModified: world.clock.date(),
      contentType: '',
      encryption: { algorithm: bucket.encryption.algorithm },
      writer: bucket.account,
    }
    const kept = enabled ? versions : versions.filter((v) => v.versionId !== 'null')
    all.set(key, [...kept, marker])
    return { versionId: marker.versionId, deleteMarker: true }
  }
  const target = versions.find((v) => v.versionId === versionId)
  if (!target) return { versionId, deleteMarker: false }
  if (isLocked(world, target)) {
    const retention = target.retention as Retention
    if (retention.mode === 'COMPLIANCE' || !bypassGovernance) throw lockedDenial()
  }
  const rest = versions.filter((v) => v !== target)
  if (rest.length === 0) all.delete(key)
  else all.set(key, rest)
  return { versionId, deleteMarker: target.deleteMarker }
}

/** Whether the bucket holds anything at all (versions and delete markers count: DeleteBucket). */
export const isEmpty = (bucket: Bucket) => objectsOf(bucket).size === 0
