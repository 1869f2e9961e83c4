// Resource control policies and EC2 declarative policies in the sandbox: RCPFullAWSAccess, each type's
// syntax, DescribeEffectivePolicy, and RCPs enforced on S3 requests, STS AssumeRole and service deliveries —
// an outside principal is refused by the sandbox itself.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DescribeEffectivePolicyCommand,
  DetachPolicyCommand,
  EnablePolicyTypeCommand,
  ListRootsCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
  type PolicyType,
} from '@aws-sdk/client-organizations'
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { createBucket } from '../../src/sandbox/services/s3/buckets.ts'
import { actAs, failure, management } from './helpers.ts'

const MEMBER = '555555555555'
const OUTSIDER = '999999999999'
const BUCKET = 'rcp-member-data'

let sandbox: Sandbox
let org: OrganizationsClient
let rootId: string

const doc = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements })
const perimeter = doc({
  Effect: 'Deny',
  Principal: '*',
  Action: ['s3:*', 'sts:AssumeRole', 'kms:*'],
  Resource: '*',
  Condition: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an IAM policy variable
    StringNotEqualsIfExists: { 'aws:PrincipalOrgID': '${aws:ResourceOrgID}' },
    BoolIfExists: { 'aws:PrincipalIsAWSService': 'false' },
  },
})

async function create(type: PolicyType, name: string, content: string): Promise<string> {
  const { Policy } = await org.send(
    new CreatePolicyCommand({ Name: name, Description: name, Type: type, Content: content }),
  )
  return Policy?.PolicySummary?.Id ?? ''
}

const s3 = (account: string, role: string) =>
  new S3Client({ ...actAs(sandbox, account, role), forcePathStyle: true })

test.before(async () => {
  sandbox = await startSandbox()
  org = new OrganizationsClient(management(sandbox))
  rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? ''
  // A member's bucket its policy shares with an account outside the organization, and roles on both sides.
  const bucket = createBucket(sandbox.world, { name: BUCKET, account: MEMBER, region: 'us-east-1' })
  bucket.policy = JSON.parse(
    doc({
      Effect: 'Allow',
      Principal: { AWS: [`arn:aws:iam::${OUTSIDER}:root`, `arn:aws:iam::${MEMBER}:root`] },
      Action: 's3:*',
      Resource: [`arn:aws:s3:::${BUCKET}`, `arn:aws:s3:::${BUCKET}/*`],
    }),
  )
  const everything = { all: JSON.parse(doc({ Effect: 'Allow', Action: '*', Resource: '*' })) }
  for (const account of [OUTSIDER, MEMBER]) {
    sandbox.control('iam', 'put-role', {
      account,
      name: 'Reader',
      policies: everything,
      outsideOrganization: account === OUTSIDER,
    })
  }
  sandbox.control('iam', 'put-role', {
    account: MEMBER,
    name: 'SharedWithPartner',
    trustPolicy: JSON.parse(
      doc({ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${OUTSIDER}:root` }, Action: 'sts:AssumeRole' }),
    ),
  })
})
test.after(() => sandbox.close())

test('RCP syntax (user guide, "RCP syntax"): customer RCPs deny; no NotAction; Version, Principal, Action required', async () => {
  const cases: [string, string, string | undefined][] = [
    [
      'allow is only for RCPFullAWSAccess',
      doc({ Effect: 'Allow', Principal: '*', Action: 's3:*', Resource: '*' }),
      'MalformedPolicyDocumentException',
    ],
    [
      'NotAction is not an RCP element',
      doc({ Effect: 'Deny', Principal: '*', NotAction: 's3:*', Resource: '*' }),
      'MalformedPolicyDocumentException',
    ],
    [
      'Principal is required',
      doc({ Effect: 'Deny', Action: 's3:*', Resource: '*' }),
      'MalformedPolicyDocumentException',
    ],
    [
      'Version must be 2012-10-17',
      JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }] }),
      'MalformedPolicyDocumentException',
    ],
    [
      'a deny with Principal *',
      doc({ Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: '*' }),
      undefined,
    ],
  ]
  for (const [why, content, error] of cases) {
    const call = create('RESOURCE_CONTROL_POLICY', `rcp-${why.replace(/\W+/g, '-')}`, content)
    if (error) assert.is((await failure(call)).name, error, why)
    else assert.ok(await call, why)
  }
})

test('declarative EC2 syntax (user guide, "Declarative policy syntax"): ec2_attributes, known attributes and values', async () => {
  const ec2 = (attributes: object) => JSON.stringify({ ec2_attributes: attributes })
  const cases: [string, string, boolean][] = [
    [
      'the baseline attributes',
      ec2({
        serial_console_access: { status: { '@@assign': 'disabled' } },
        instance_metadata_defaults: {
          http_tokens: { '@@assign': 'required' },
          http_put_response_hop_limit: { '@@assign': '2' },
        },
      }),
      true,
    ],
    ['an unknown top-level key', JSON.stringify({ s3_attributes: {} }), false],
    ['an unknown attribute', ec2({ ebs_encryption: { state: { '@@assign': 'on' } } }), false],
    [
      'a value the field does not take',
      ec2({ snapshot_block_public_access: { state: { '@@assign': 'blocked' } } }),
      false,
    ],
    [
      'a hop limit above 64',
      ec2({ instance_metadata_defaults: { http_put_response_hop_limit: { '@@assign': 65 } } }),
      false,
    ],
    ['an IAM statement', doc({ Effect: 'Deny', Action: '*', Resource: '*' }), false],
  ]
  for (const [why, content, ok] of cases) {
    const call = create('DECLARATIVE_POLICY_EC2', `ec2-${why.replace(/\W+/g, '-')}`, content)
    if (ok) assert.ok(await call, why)
    else assert.is((await failure(call)).name, 'MalformedPolicyDocumentException', why)
  }
})

test('DescribeEffectivePolicy: not found until enabled and attached; a child @@assign wins; a root target is refused', async () => {
  const type = 'DECLARATIVE_POLICY_EC2'
  const describe = (TargetId: string) =>
    org.send(new DescribeEffectivePolicyCommand({ PolicyType: type, TargetId }))
  assert.is((await failure(describe(MEMBER))).name, 'EffectivePolicyNotFoundException', 'type not enabled')
  await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: type }))
  assert.is((await failure(describe(MEMBER))).name, 'EffectivePolicyNotFoundException', 'nothing attached')
  const base = await create(
    type,
    'ec2-base',
    JSON.stringify({
      ec2_attributes: {
        serial_console_access: { status: { '@@assign': 'disabled' } },
        image_block_public_access: { state: { '@@assign': 'block_new_sharing' } },
      },
    }),
  )
  const relaxed = await create(
    type,
    'ec2-relaxed',
    JSON.stringify({ ec2_attributes: { serial_console_access: { status: { '@@assign': 'enabled' } } } }),
  )
  await org.send(new AttachPolicyCommand({ PolicyId: base, TargetId: rootId }))
  await org.send(new AttachPolicyCommand({ PolicyId: relaxed, TargetId: MEMBER }))
  const effective = JSON.parse((await describe(MEMBER)).EffectivePolicy?.PolicyContent ?? '{}')
  assert.equal(effective, {
    ec2_attributes: {
      serial_console_access: { status: 'enabled' },
      image_block_public_access: { state: 'block_new_sharing' },
    },
  })
  const management = JSON.parse(
    (await describe(sandbox.world.managementAccountId)).EffectivePolicy?.PolicyContent ?? '{}',
  )
  assert.is(
    management.ec2_attributes.serial_console_access.status,
    'disabled',
    'the root policy reaches the management account',
  )
  assert.is((await failure(describe(rootId))).name, 'InvalidInputException')
})

test('RCPs: RCPFullAWSAccess is attached everywhere as the type is enabled and cannot be detached', async () => {
  await org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' }))
  const targets = await org.send(new ListTargetsForPolicyCommand({ PolicyId: 'p-RCPFullAWSAccess' }))
  assert.ok(targets.Targets?.some((t) => t.TargetId === rootId))
  const detach = org.send(new DetachPolicyCommand({ PolicyId: 'p-RCPFullAWSAccess', TargetId: rootId }))
  assert.is((await failure(detach)).name, 'ConstraintViolationException')
})

test('RCPs are enforced by the sandbox: an outside principal is refused S3 and AssumeRole, the organization is not', async () => {
  const outsider = s3(OUTSIDER, 'Reader')
  const insider = s3(MEMBER, 'Reader')
  await insider.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'k', Body: 'v' }))
  await outsider.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))
  const sts = new STSClient(actAs(sandbox, OUTSIDER, 'Reader'))
  const assume = () =>
    sts.send(
      new AssumeRoleCommand({
        RoleArn: `arn:aws:iam::${MEMBER}:role/SharedWithPartner`,
        RoleSessionName: 'partner',
      }),
    )
  await assume()

  const id = await create('RESOURCE_CONTROL_POLICY', 'data-perimeter', perimeter)
  await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: rootId }))
  const refused = await failure(outsider.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' })))
  assert.is(refused.name, 'AccessDenied')
  assert.match(refused.message, /resource control policy/)
  assert.is((await failure(assume())).name, 'AccessDenied')
  await insider.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'k' }))
  await org.send(new DetachPolicyCommand({ PolicyId: id, TargetId: rootId }))
})

test.run()
