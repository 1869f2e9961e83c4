// Organizations policies: AWS's size, syntax, naming and attachment rules, through the real SDK.
import {
  AttachPolicyCommand,
  CreatePolicyCommand,
  DeletePolicyCommand,
  DescribePolicyCommand,
  DetachPolicyCommand,
  DisablePolicyTypeCommand,
  EnablePolicyTypeCommand,
  ListPoliciesCommand,
  ListPoliciesForTargetCommand,
  ListRootsCommand,
  ListTagsForResourceCommand,
  ListTargetsForPolicyCommand,
  OrganizationsClient,
  paginateListPolicies,
  TagResourceCommand,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { failure, management } from './helpers.ts'

let sandbox: Sandbox
let org: OrganizationsClient
let rootId: string

const deny = (sid: string) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Sid: sid, Effect: 'Deny', Action: 's3:DeleteBucket', Resource: '*' }],
  })

async function create(name: string, content = deny(name.replace(/\W/g, ''))): Promise<string> {
  const { Policy } = await org.send(
    new CreatePolicyCommand({
      Name: name,
      Description: name,
      Type: 'SERVICE_CONTROL_POLICY',
      Content: content,
    }),
  )
  return Policy?.PolicySummary?.Id ?? ''
}

test.before(async () => {
  sandbox = await startSandbox({ pageSizeCap: 2 })
  org = new OrganizationsClient(management(sandbox))
  rootId = (await org.send(new ListRootsCommand({}))).Roots?.[0]?.Id ?? ''
})
test.after(() => sandbox.close())

test('FullAWSAccess is AWS managed and attached to the root, every OU and every account from the start', async () => {
  const { Policy } = await org.send(new DescribePolicyCommand({ PolicyId: 'p-FullAWSAccess' }))
  assert.is(Policy?.PolicySummary?.AwsManaged, true)
  const targets: string[] = []
  let token: string | undefined
  do {
    const page = await org.send(
      new ListTargetsForPolicyCommand({ PolicyId: 'p-FullAWSAccess', NextToken: token }),
    )
    targets.push(...(page.Targets ?? []).map((t) => t.TargetId ?? ''))
    token = page.NextToken
  } while (token)
  assert.ok(targets.includes(rootId))
  assert.ok(targets.includes('555555555555'))
  assert.is(targets.length, 1 + 6 + 10, 'the root, six OUs and ten accounts')
})

test('the seeded hand-made SCP is listed, attached to Workloads, and not tagged as managed by the tool', async () => {
  const names: string[] = []
  for await (const page of paginateListPolicies({ client: org }, { Filter: 'SERVICE_CONTROL_POLICY' })) {
    names.push(...(page.Policies ?? []).map((p) => p.Name ?? ''))
  }
  assert.ok(names.includes('legacy-deny-regions'))
  const legacy = [...sandbox.world.policies.values()].find((p) => p.name === 'legacy-deny-regions')
  const tags = await org.send(new ListTagsForResourceCommand({ ResourceId: legacy?.id ?? '' }))
  assert.equal(tags.Tags, [])
  const targets = await org.send(new ListTargetsForPolicyCommand({ PolicyId: legacy?.id ?? '' }))
  assert.equal(
    targets.Targets?.map((t) => t.Name),
    ['Workloads'],
  )
})

test('a policy over 5,120 characters is ConstraintViolationException POLICY_CONTENT_LIMIT_EXCEEDED', async () => {
  const statement = {
    Effect: 'Deny',
    Action: 's3:DeleteBucket',
    Resource: '*',
    Condition: { StringEquals: { 'aws:Tag': 'x'.repeat(5200) } },
  }
  const error = await failure(
    create('too-big', JSON.stringify({ Version: '2012-10-17', Statement: [statement] })),
  )
  assert.is(error.name, 'ConstraintViolationException')
  assert.is(error.error.Reason, 'POLICY_CONTENT_LIMIT_EXCEEDED')
})

test('content that is not JSON is MalformedPolicyDocumentException 400', async () => {
  const error = await failure(create('broken', '{"Version": "2012-10-17", "Statement": ['))
  assert.is(error.name, 'MalformedPolicyDocumentException')
  assert.is(error.status, 400)
})

test('a second policy with the same name and type is DuplicatePolicyException', async () => {
  await create('unique-name')
  const error = await failure(create('unique-name'))
  assert.is(error.name, 'DuplicatePolicyException')
  assert.is(error.status, 409)
})

test('attaching twice is DuplicatePolicyAttachmentException (the tool treats it as done)', async () => {
  const id = await create('attach-twice')
  await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: '666666666666' }))
  const error = await failure(org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: '666666666666' })))
  assert.is(error.name, 'DuplicatePolicyAttachmentException')
})

test('a sixth SCP on one target is MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED (FullAWSAccess counts)', async () => {
  for (let i = 1; i <= 4; i++) {
    await org.send(
      new AttachPolicyCommand({ PolicyId: await create(`limit-${i}`), TargetId: '444444444444' }),
    )
  }
  const error = await failure(
    org.send(new AttachPolicyCommand({ PolicyId: await create('limit-5'), TargetId: '444444444444' })),
  )
  assert.is(error.name, 'ConstraintViolationException')
  assert.is(error.error.Reason, 'MAX_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED')
  const attached = await org.send(
    new ListPoliciesForTargetCommand({
      TargetId: '444444444444',
      Filter: 'SERVICE_CONTROL_POLICY',
      MaxResults: 20,
    }),
  )
  assert.is(attached.Policies?.length, 2)
  assert.ok(attached.NextToken, 'the page cap of 2 leaves more behind a NextToken')
})

test('detaching the last SCP is MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED; an unattached one is PolicyNotAttachedException', async () => {
  const last = await failure(
    org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: '333333333333' })),
  )
  assert.is(last.name, 'ConstraintViolationException')
  assert.is(last.error.Reason, 'MIN_POLICY_TYPE_ATTACHMENT_LIMIT_EXCEEDED')
  const id = await create('never-attached')
  const notAttached = await failure(
    org.send(new DetachPolicyCommand({ PolicyId: id, TargetId: '333333333333' })),
  )
  assert.is(notAttached.name, 'PolicyNotAttachedException')
})

test('FullAWSAccess may be detached while another SCP stays attached', async () => {
  const id = await create('replacement')
  await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: '222222222222' }))
  await org.send(new DetachPolicyCommand({ PolicyId: 'p-FullAWSAccess', TargetId: '222222222222' }))
  const left = await org.send(
    new ListPoliciesForTargetCommand({ TargetId: '222222222222', Filter: 'SERVICE_CONTROL_POLICY' }),
  )
  assert.equal(
    left.Policies?.map((p) => p.Name),
    ['replacement'],
  )
})

test('an attached policy cannot be deleted (PolicyInUseException); detached, it can', async () => {
  const id = await create('in-use')
  await org.send(new AttachPolicyCommand({ PolicyId: id, TargetId: '555555555556' }))
  const error = await failure(org.send(new DeletePolicyCommand({ PolicyId: id })))
  assert.is(error.name, 'PolicyInUseException')
  await org.send(new DetachPolicyCommand({ PolicyId: id, TargetId: '555555555556' }))
  await org.send(new DeletePolicyCommand({ PolicyId: id }))
  const gone = await failure(org.send(new DescribePolicyCommand({ PolicyId: id })))
  assert.is(gone.name, 'PolicyNotFoundException')
  assert.is(gone.status, 404)
})

test('UpdatePolicy changes content and is checked like CreatePolicy; AWS managed policies refuse changes', async () => {
  const id = await create('to-update')
  const { Policy } = await org.send(new UpdatePolicyCommand({ PolicyId: id, Content: deny('Changed') }))
  assert.match(Policy?.Content ?? '', 'Changed')
  const malformed = await failure(org.send(new UpdatePolicyCommand({ PolicyId: id, Content: 'nope' })))
  assert.is(malformed.name, 'MalformedPolicyDocumentException')
  const managed = await failure(
    org.send(new UpdatePolicyCommand({ PolicyId: 'p-FullAWSAccess', Name: 'Mine' })),
  )
  assert.is(managed.name, 'AccessDeniedException')
})

test('tags on a policy read back; RCPs cannot be attached until the type is enabled on the root', async () => {
  const id = await create('tagged')
  await org.send(
    new TagResourceCommand({ ResourceId: id, Tags: [{ Key: 'org-baseline:managed', Value: 'true' }] }),
  )
  const { Tags } = await org.send(new ListTagsForResourceCommand({ ResourceId: id }))
  assert.equal(Tags, [{ Key: 'org-baseline:managed', Value: 'true' }])

  const { Policy } = await org.send(
    new CreatePolicyCommand({
      Name: 'rcp',
      Description: 'rcp',
      Type: 'RESOURCE_CONTROL_POLICY',
      // An RCP names its Principal (user guide, "RCP syntax").
      Content: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Sid: 'Rcp', Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }],
      }),
    }),
  )
  const rcp = Policy?.PolicySummary?.Id ?? ''
  const disabled = await failure(org.send(new AttachPolicyCommand({ PolicyId: rcp, TargetId: rootId })))
  assert.is(disabled.name, 'PolicyTypeNotEnabledException')
  const { Root } = await org.send(
    new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' }),
  )
  assert.ok(Root?.PolicyTypes?.some((t) => t.Type === 'RESOURCE_CONTROL_POLICY' && t.Status === 'ENABLED'))
  await org.send(new AttachPolicyCommand({ PolicyId: rcp, TargetId: rootId }))
  const again = await failure(
    org.send(new EnablePolicyTypeCommand({ RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' })),
  )
  assert.is(again.name, 'PolicyTypeAlreadyEnabledException')
  await org.send(new DisablePolicyTypeCommand({ RootId: rootId, PolicyType: 'RESOURCE_CONTROL_POLICY' }))
  const listed = await org.send(new ListPoliciesCommand({ Filter: 'RESOURCE_CONTROL_POLICY' }))
  // Ours and the AWS-managed RCPFullAWSAccess, made as RCPs were first enabled (user guide, "RCP syntax").
  assert.equal(listed.Policies?.map((p) => p.Name).sort(), ['RCPFullAWSAccess', 'rcp'])
})

test.run()
