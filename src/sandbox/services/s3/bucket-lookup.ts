// The bucket an S3 request names, as S3 finds it: `NoSuchBucket` 404 when no one holds the name; a request
// signed for another Region than the bucket's is `AuthorizationHeaderMalformed` 400 naming the bucket's Region
// (S3 API reference, "Error responses"; the message is the one S3 sends, as widely quoted).
import { SandboxError } from '../../errors.ts'
import type { CallContext } from '../service.ts'
import { type Bucket, findBucket } from './buckets.ts'

export const str = (value: unknown): string | undefined =>
  typeof value === 'string' && value !== '' ? value : undefined

export const noSuchBucket = (name: string) =>
  new SandboxError('NoSuchBucket', 'The specified bucket does not exist', 404, { BucketName: name })

export function bucketFor(input: Record<string, unknown>, ctx: CallContext): Bucket {
  const name = str(input.Bucket) ?? ''
  const bucket = findBucket(ctx.world, name)
  if (!bucket) throw noSuchBucket(name)
  if (bucket.region !== ctx.region) {
    throw new SandboxError(
      'AuthorizationHeaderMalformed',
      `The authorization header is malformed; the region '${ctx.region}' is wrong; expecting '${bucket.region}'`,
      400,
      { Region: bucket.region },
    )
  }
  return bucket
}

/** Bucket-policy operations answer only the owner's account: 405 to anyone else (S3 API reference, GetBucketPolicy). */
export function ownedBucketFor(input: Record<string, unknown>, ctx: CallContext): Bucket {
  const bucket = bucketFor(input, ctx)
  if (bucket.account !== ctx.account)
    throw new SandboxError(
      'MethodNotAllowed',
      'The specified method is not allowed against this resource.',
      405,
    )
  return bucket
}
