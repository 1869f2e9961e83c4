// The template diff: parsed templates in, resource / property changes out, each case with its reason;
// then the lines a reviewer reads.
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { templateDiffLines } from '../../../src/engine/render/template-diff.ts'
import { diffTemplates, valueChanges } from '../../../src/engine/template-diff.ts'
import { parseTemplate } from '../../../src/modules/stacksets/cfn-yaml.ts'

const test = suite('template diff')

const BUCKET_POLICY = `
Parameters:
  Retention: { Type: Number, Default: 365 }
Resources:
  LogBucket:
    Type: AWS::S3::Bucket
    DeletionPolicy: Retain
    Properties:
      BucketName: !Ref Name
  LogBucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref LogBucket
      PolicyDocument:
        Statement:
          - Sid: DenyInsecureTransport
            Effect: Deny
            Principal: "*"
            Action: "s3:*"
          - Sid: CloudTrailWrite
            Effect: Allow
            Principal: { Service: cloudtrail.amazonaws.com }
            Action: s3:PutObject
`

const READ_GRANT = `          - Sid: PartnerRead
            Effect: Allow
            Principal: { AWS: "arn:aws:iam::999999999999:root" }
            Action: s3:GetObject
            Resource: "arn:aws:s3:::org-logs/*"
`

const cases: { reason: string; edit: (t: string) => string; expect: ReturnType<typeof diffTemplates> }[] = [
  {
    reason: 'same template: nothing',
    edit: (t) => t,
    expect: { resources: [], sections: [] },
  },
  {
    reason: 'a statement appended to a bucket policy shows as exactly that statement, at its index',
    edit: (t) => `${t}${READ_GRANT}`,
    expect: {
      resources: [
        {
          logicalId: 'LogBucketPolicy',
          action: 'modified',
          type: 'AWS::S3::BucketPolicy',
          changes: [
            {
              path: '/PolicyDocument/Statement/2',
              after: {
                Sid: 'PartnerRead',
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::999999999999:root' },
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::org-logs/*',
              },
            },
          ],
        },
      ],
      sections: [],
    },
  },
  {
    reason:
      'a statement inserted first does not show the later ones as shifted (arrays of new length compare as sets)',
    edit: (t) =>
      t.replace(
        '          - Sid: DenyInsecureTransport',
        `${READ_GRANT}          - Sid: DenyInsecureTransport`,
      ),
    expect: {
      resources: [
        {
          logicalId: 'LogBucketPolicy',
          action: 'modified',
          type: 'AWS::S3::BucketPolicy',
          changes: [
            {
              path: '/PolicyDocument/Statement/0',
              after: {
                Sid: 'PartnerRead',
                Effect: 'Allow',
                Principal: { AWS: 'arn:aws:iam::999999999999:root' },
                Action: 's3:GetObject',
                Resource: 'arn:aws:s3:::org-logs/*',
              },
            },
          ],
        },
      ],
      sections: [],
    },
  },
  {
    reason: 'a principal edited in place: one property path, before → after',
    edit: (t) =>
      t.replace('{ Service: cloudtrail.amazonaws.com }', '{ AWS: "arn:aws:iam::999999999999:root" }'),
    expect: {
      resources: [
        {
          logicalId: 'LogBucketPolicy',
          action: 'modified',
          type: 'AWS::S3::BucketPolicy',
          changes: [
            { path: '/PolicyDocument/Statement/1/Principal/AWS', after: 'arn:aws:iam::999999999999:root' },
            { path: '/PolicyDocument/Statement/1/Principal/Service', before: 'cloudtrail.amazonaws.com' },
          ],
        },
      ],
      sections: [],
    },
  },
  {
    reason:
      'a resource removed, one added, one whose type changed; an attribute beside Properties as @Attribute',
    edit: (t) =>
      t
        .replace('    DeletionPolicy: Retain\n', '    DeletionPolicy: Delete\n')
        .replace('AWS::S3::BucketPolicy', 'AWS::SNS::TopicPolicy')
        .replace('Resources:\n', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n'),
    expect: {
      resources: [
        {
          logicalId: 'LogBucket',
          action: 'modified',
          type: 'AWS::S3::Bucket',
          changes: [{ path: '@DeletionPolicy', before: 'Retain', after: 'Delete' }],
        },
        {
          logicalId: 'LogBucketPolicy',
          action: 'type-changed',
          type: 'AWS::SNS::TopicPolicy',
          typeBefore: 'AWS::S3::BucketPolicy',
        },
        { logicalId: 'Topic', action: 'added', type: 'AWS::SNS::Topic' },
      ],
      sections: [],
    },
  },
  {
    reason: 'a parameter default changed: a section change with its path from the root',
    edit: (t) => t.replace('Default: 365', 'Default: 30'),
    expect: { resources: [], sections: [{ path: '/Parameters/Retention/Default', before: 365, after: 30 }] },
  },
]

for (const c of cases) {
  test(c.reason, () => {
    const before = parseTemplate(BUCKET_POLICY)
    const after = parseTemplate(c.edit(BUCKET_POLICY))
    assert.equal(diffTemplates(before, after), c.expect)
  })
}

test('a key with / or ~ is escaped as JSON Pointer does (RFC 6901)', () => {
  assert.equal(valueChanges({ 'a/b': 1, 'c~d': 1 }, { 'a/b': 2, 'c~d': 2 }), [
    { path: '/a~1b', before: 1, after: 2 },
    { path: '/c~0d', before: 1, after: 2 },
  ])
})

test('lines: the added statement in full on a + line under its resource; a removed resource on a - line', () => {
  const diff = diffTemplates(parseTemplate(BUCKET_POLICY), parseTemplate(`${BUCKET_POLICY}${READ_GRANT}`))
  const lines = templateDiffLines(diff)
  assert.equal(lines[0], '~ LogBucketPolicy (AWS::S3::BucketPolicy)')
  assert.equal(
    lines[1],
    '+     /PolicyDocument/Statement/2: {"Sid":"PartnerRead","Effect":"Allow","Principal":{"AWS":"arn:aws:iam::999999999999:root"},"Action":"s3:GetObject","Resource":"arn:aws:s3:::org-logs/*"}',
  )
  const removed = templateDiffLines(
    diffTemplates(
      parseTemplate(BUCKET_POLICY),
      parseTemplate(BUCKET_POLICY.replace(/ {2}LogBucketPolicy:[\s\S]*$/, '')),
    ),
  )
  assert.equal(removed, ['- LogBucketPolicy (AWS::S3::BucketPolicy) removed'])
})

test('lines: a template whose only change is a comment says so', () => {
  assert.equal(
    templateDiffLines(diffTemplates(parseTemplate(BUCKET_POLICY), parseTemplate(`# note\n${BUCKET_POLICY}`))),
    ['  (only comments or formatting changed)'],
  )
})

test.run()
