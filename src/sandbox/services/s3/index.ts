// Amazon S3 (restXml, signing name `s3`, path-style addressing): the operations over the buckets stacks
// make. Routes follow the model's http traits (botocore s3 service-2.json): method, `/{Bucket}` or
// `/{Bucket}/{Key+}`, and the subresource query parameter.
import type { SimulatedService } from '../service.ts'
import {
  deleteBucket,
  deleteBucketLifecycle,
  deleteBucketPolicy,
  getBucketLifecycleConfiguration,
  getBucketPolicy,
  getObjectLockConfiguration,
  putBucketLifecycleConfiguration,
  putBucketPolicy,
  putObjectLockConfiguration,
} from './bucket-api.ts'
import { s3Controls } from './controls.ts'
import {
  deleteObjectOp,
  deleteObjects,
  getObject,
  getObjectRetention,
  headObject,
  listObjectsV2,
  listObjectVersions,
  putObject,
  putObjectRetention,
} from './object-api.ts'

export const s3: SimulatedService = {
  spec: {
    signingName: 's3',
    protocol: 'restXml',
    routes: [
      {
        operation: 'PutObjectRetention',
        method: 'PUT',
        target: 'object',
        subresource: 'retention',
        handler: putObjectRetention,
      },
      {
        operation: 'GetObjectRetention',
        method: 'GET',
        target: 'object',
        subresource: 'retention',
        handler: getObjectRetention,
      },
      { operation: 'PutObject', method: 'PUT', target: 'object', handler: putObject },
      { operation: 'GetObject', method: 'GET', target: 'object', handler: getObject },
      { operation: 'HeadObject', method: 'HEAD', target: 'object', handler: headObject },
      { operation: 'DeleteObject', method: 'DELETE', target: 'object', handler: deleteObjectOp },
      {
        operation: 'DeleteObjects',
        method: 'POST',
        target: 'bucket',
        subresource: 'delete',
        handler: deleteObjects,
      },
      {
        operation: 'ListObjectsV2',
        method: 'GET',
        target: 'bucket',
        subresource: 'list-type',
        handler: listObjectsV2,
      },
      {
        operation: 'ListObjectVersions',
        method: 'GET',
        target: 'bucket',
        subresource: 'versions',
        handler: listObjectVersions,
      },
      {
        operation: 'GetBucketPolicy',
        method: 'GET',
        target: 'bucket',
        subresource: 'policy',
        handler: getBucketPolicy,
      },
      {
        operation: 'PutBucketPolicy',
        method: 'PUT',
        target: 'bucket',
        subresource: 'policy',
        handler: putBucketPolicy,
      },
      {
        operation: 'DeleteBucketPolicy',
        method: 'DELETE',
        target: 'bucket',
        subresource: 'policy',
        handler: deleteBucketPolicy,
      },
      {
        operation: 'GetBucketLifecycleConfiguration',
        method: 'GET',
        target: 'bucket',
        subresource: 'lifecycle',
        handler: getBucketLifecycleConfiguration,
      },
      {
        operation: 'PutBucketLifecycleConfiguration',
        method: 'PUT',
        target: 'bucket',
        subresource: 'lifecycle',
        handler: putBucketLifecycleConfiguration,
      },
      {
        operation: 'DeleteBucketLifecycle',
        method: 'DELETE',
        target: 'bucket',
        subresource: 'lifecycle',
        handler: deleteBucketLifecycle,
      },
      {
        operation: 'GetObjectLockConfiguration',
        method: 'GET',
        target: 'bucket',
        subresource: 'object-lock',
        handler: getObjectLockConfiguration,
      },
      {
        operation: 'PutObjectLockConfiguration',
        method: 'PUT',
        target: 'bucket',
        subresource: 'object-lock',
        handler: putObjectLockConfiguration,
      },
      { operation: 'DeleteBucket', method: 'DELETE', target: 'bucket', handler: deleteBucket },
    ],
  },
  controls: s3Controls,
}
