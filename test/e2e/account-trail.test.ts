// Issue 12 in `cloudTrail.mode: account`: every account's own trail is encrypted with the log key (CloudTrail
// refuses CreateTrail when the key policy does not let it encrypt), and the log-archive bucket policy lets an
// account's trail deliver only under its own AWSLogs/<account>/ folder — not another account's, and not a
// trail of an account outside the organization (aws:SourceOrgID). Deliveries are real objects, locked.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { ownedTrails } from '../../src/sandbox/services/cloudtrail/state.ts'
import { actAs, failure } from '../sandbox/helpers.ts'
import { cli, withSandbox } from './harness.ts'
import { configCopy } from './stacksets-helpers.ts'

const test = suite('account trails: each account delivers under its own prefix only')

const MANAGEMENT = '111111111111'
const LOG_ARCHIVE = '333333333333'
const WORKLOAD = '555555555555'
const OUTSIDER = '999999999999'
const TRAIL_BUCKET = `org-baseline-trail-${LOG_ARCHIVE}-us-east-1`
const trailOf = (account: string) => `arn:aws:cloudtrail:us-east-1:${account}:trail/org-baseline`

test('after apply in account mode: own trails encrypted with the log key; each writes only under its own account', async () => {
  const { file } = await configCopy((text) => text.replace('  mode: organization', '  mode: account'))
  await withSandbox({}, async (sandbox) => {
    const applied = await cli(['apply', '-c', file, '--yes', '--only', 'trusted-access,stacksets'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)

    for (const account of [MANAGEMENT, WORKLOAD]) {
      const [trail] = ownedTrails(sandbox.world, account)
      assert.is(trail?.name, 'org-baseline', `${account} has its own trail`)
      assert.match(
        trail?.kmsKeyId ?? '',
        /alias\/org-baseline-logs|key\//,
        `${account}'s trail uses the log key`,
      )
    }

    const deliver = (account: string, sourceArn: string, key: string) => {
      try {
        const out = sandbox.control('s3', 'deliver', {
          service: 'cloudtrail.amazonaws.com',
          account,
          sourceArn,
          bucket: TRAIL_BUCKET,
          key,
        }) as { retention?: { mode: string } }
        return out.retention?.mode ?? 'written'
      } catch (error) {
        return (error as { code?: string }).code
      }
    }
    const cases: [string, string, string, string | undefined, string][] = [
      [
        WORKLOAD,
        trailOf(WORKLOAD),
        `AWSLogs/${WORKLOAD}/CloudTrail/us-east-1/x.json.gz`,
        'COMPLIANCE',
        'its own folder, locked',
      ],
      [
        MANAGEMENT,
        trailOf(MANAGEMENT),
        `AWSLogs/${MANAGEMENT}/CloudTrail/us-east-1/x.json.gz`,
        'COMPLIANCE',
        'the management account',
      ],
      [
        WORKLOAD,
        trailOf(WORKLOAD),
        `AWSLogs/${MANAGEMENT}/CloudTrail/us-east-1/x.json.gz`,
        'AccessDenied',
        "another account's folder",
      ],
      [
        OUTSIDER,
        trailOf(OUTSIDER),
        `AWSLogs/${OUTSIDER}/CloudTrail/us-east-1/x.json.gz`,
        'AccessDenied',
        'an account outside the organization',
      ],
      [
        WORKLOAD,
        `arn:aws:cloudtrail:us-east-1:${WORKLOAD}:trail/other`,
        `AWSLogs/${WORKLOAD}/CloudTrail/x.json.gz`,
        'AccessDenied',
        'a trail of another name',
      ],
    ]
    for (const [account, sourceArn, key, expected, why] of cases)
      assert.is(deliver(account, sourceArn, key), expected, why)

    // Another account's administrator cannot write into the bucket directly either.
    const workloadAdmin = new S3Client({
      ...actAs(sandbox, WORKLOAD, 'OrganizationAccountAccessRole'),
      forcePathStyle: true,
    })
    const forged = await failure(
      workloadAdmin.send(
        new PutObjectCommand({
          Bucket: TRAIL_BUCKET,
          Key: `AWSLogs/${WORKLOAD}/CloudTrail/forged.json.gz`,
          Body: '{}',
        }),
      ),
    )
    assert.is(forged.name, 'AccessDenied')
  })
})

test.run()
