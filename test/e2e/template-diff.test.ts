// A changed template reads as what it changes (issue 11, item 7): a statement added to the log bucket's
// policy in a custom templateDir shows in `plan` as that statement — text, markdown and JSON — and the
// template differing from the shipped one is a warning naming the property.
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { cli, withSandbox } from './harness.ts'
import { configCopy } from './stacksets-helpers.ts'

const test = suite('template diff in the plan')

const LOG_ARCHIVE = '333333333333'
const ADDRESS = `stack[log-archive@${LOG_ARCHIVE}:us-east-1]`
// Another account of the organization reading every log: the kind of edit a reviewer must see.
const GRANT = `          - Sid: WorkloadReadsLogs
            Effect: Allow
            Principal:
              AWS: arn:aws:iam::555555555555:root
            Action: s3:GetObject
            Resource: !Sub "\${TrailBucket.Arn}/*"
`

test('a bucket policy statement added in a custom templateDir shows as exactly that statement, is destructive, and is warned about', async () => {
  await withSandbox({}, async (sandbox) => {
    const { dir, file } = await configCopy()
    assert.is((await cli(['apply', '-c', file, '--yes'], sandbox)).code, 0)
    const path = join(dir, 'templates', 'log-archive.yaml')
    const original = await readFile(path, 'utf8')
    const anchor = '          - Sid: CloudTrailAclCheck\n'
    assert.ok(original.includes(anchor), 'the shipped bucket policy has the statement the edit goes before')
    await writeFile(path, original.replace(anchor, `${GRANT}${anchor}`))

    sandbox.calls.clear()
    const text = await cli(['plan', '-c', file], sandbox)
    assert.is(text.code, 2, text.stderr)
    assert.match(text.stdout, `~ ${ADDRESS}`)
    assert.match(text.stdout, '~ TrailBucketPolicy (AWS::S3::BucketPolicy)')
    assert.match(
      text.stdout,
      '+     /PolicyDocument/Statement/3: {"Sid":"WorkloadReadsLogs","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::555555555555:root"},"Action":"s3:GetObject"',
    )
    assert.match(text.stdout, '! TrailBucketPolicy /PolicyDocument/Statement/3: the policy may allow more')
    assert.match(
      text.stdout,
      'template log-archive.yaml differs from the one shipped with org-baseline: ~ TrailBucketPolicy /PolicyDocument/Statement/3',
    )
    // Answered calls: an attempt refused with throttling or a 5xx (the soak's faults mode) is the SDK sending
    // the same call again.
    const getTemplate = sandbox.calls.entries.filter((c) => c.operation === 'GetTemplate' && c.status < 400)
    assert.is(getTemplate.length, 1, 'one GetTemplate, for the one stack whose template differs')

    const json = JSON.parse((await cli(['plan', '-c', file, '--format', 'json'], sandbox)).stdout)
    const change = json.changes.find((c: { address: string }) => c.address === ADDRESS)
    assert.is(change.destructive, true)
    assert.equal(change.templateDiff.resources, [
      {
        logicalId: 'TrailBucketPolicy',
        action: 'modified',
        type: 'AWS::S3::BucketPolicy',
        changes: [
          {
            path: '/PolicyDocument/Statement/3',
            after: {
              Sid: 'WorkloadReadsLogs',
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::555555555555:root' },
              Action: 's3:GetObject',
              Resource: { 'Fn::Sub': `\${TrailBucket.Arn}/*` },
            },
          },
        ],
      },
    ])

    const markdown = (await cli(['plan', '-c', file, '--format', 'markdown'], sandbox)).stdout
    assert.match(markdown, '```diff')
    assert.match(markdown, '  +     /PolicyDocument/Statement/3: {"Sid":"WorkloadReadsLogs"')

    const held = await cli(['apply', '-c', file, '--yes'], sandbox)
    assert.is(held.code, 2, 'held back without --allow-destroy')
    assert.match(held.stdout, `${ADDRESS}: held-back — destructive (TrailBucketPolicy`)
    const applied = await cli(['apply', '-c', file, '--yes', '--allow-destroy'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const after = await cli(['plan', '-c', file], sandbox)
    assert.not.match(after.stdout, ADDRESS)
  })
})

test.run()
