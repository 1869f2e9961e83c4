// S3 controls beyond the bucket controls of resource-controls.ts: a service's delivery into a bucket, as
// CloudTrail or Config makes it (tests show which writers a bucket policy lets in), and a read of every
// version of a key.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { findBucket } from './buckets.ts'
import { deliverAsService } from './delivery.ts'
import { objectsOf } from './objects.ts'

type Control = (world: World, args: Record<string, unknown>) => unknown

const str = (args: Record<string, unknown>, name: string): string => {
  const value = args[name]
  if (typeof value !== 'string' || value === '')
    throw new SandboxError('InvalidControlArguments', `Control argument "${name}" is required`)
  return value
}

export const s3Controls: Record<string, Control> = {
  /**
   * `{ service, account, sourceArn?, bucket, key, body? }` → `{ versionId, retention? }`; a denial throws
   * S3's AccessDenied (the control answers 400 with its code over HTTP).
   */
  deliver(world, args) {
    const version = deliverAsService(world, {
      service: str(args, 'service'),
      sourceAccount: str(args, 'account'),
      ...(typeof args.sourceArn === 'string' && { sourceArn: args.sourceArn }),
      bucket: str(args, 'bucket'),
      key: str(args, 'key'),
      body: typeof args.body === 'string' ? args.body : '{"Records":[]}',
    })
    return {
      versionId: version.versionId,
      ...(version.retention && {
        retention: { mode: version.retention.mode, until: version.retention.until.toISOString() },
      }),
    }
  },
  /** `{ bucket, key }` → every version of the key, oldest first (delete markers included). */
  versions(world, args) {
    const bucket = findBucket(world, str(args, 'bucket'))
    return (
      (bucket &&
        objectsOf(bucket)
          .get(str(args, 'key'))
          ?.map((v) => ({ ...v }))) ??
      []
    )
  },
}
