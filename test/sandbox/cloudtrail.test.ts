// CloudTrail in the sandbox, through the real SDK client: who may create organization trails, how a
// member account sees them (through STS AssumeRole, as the tool does), trail limits, logging, event
// selectors and CloudTrail Lake event data stores.
import {
  AddTagsCommand,
  CloudTrailClient,
  CreateEventDataStoreCommand,
  CreateTrailCommand,
  DeleteEventDataStoreCommand,
  DeleteTrailCommand,
  DescribeTrailsCommand,
  GetEventDataStoreCommand,
  GetEventSelectorsCommand,
  GetTrailCommand,
  GetTrailStatusCommand,
  ListEventDataStoresCommand,
  ListTagsCommand,
  ListTrailsCommand,
  PutEventSelectorsCommand,
  StartLoggingCommand,
  StopLoggingCommand,
  UpdateEventDataStoreCommand,
  UpdateTrailCommand,
} from '@aws-sdk/client-cloudtrail'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_SEED_FILE, type Sandbox, startSandbox } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { deliveryBucket, failure, management, member } from './helpers.ts'

const MANAGEMENT = '111111111111'
const ADMIN = '222222222222'
const WORKLOAD = '555555555556'

interface Context {
  sandbox: Sandbox
}

const test = suite<Context>('cloudtrail')

test.before.each(async (ctx) => {
  ctx.sandbox = await startSandbox({ speed: 1 })
  for (const bucket of ['bucket-a', 'org-baseline-cloudtrail']) deliveryBucket(ctx.sandbox, bucket)
})
test.after.each(async (ctx) => {
  await ctx.sandbox.close()
})

const trailAs = async (sandbox: Sandbox, account: string, region = 'us-east-1') =>
  new CloudTrailClient(
    account === MANAGEMENT ? management(sandbox, region) : await member(sandbox, account, region),
  )

const enableTrustedAccess = (sandbox: Sandbox) =>
  sandbox.world.trustedAccess.set('cloudtrail.amazonaws.com', sandbox.world.clock.date())

const orgTrail = new CreateTrailCommand({
  Name: 'org-baseline',
  S3BucketName: 'org-baseline-cloudtrail',
  IsMultiRegionTrail: true,
  IsOrganizationTrail: true,
  EnableLogFileValidation: true,
})

test('an organization trail needs trusted access and the management account (or a CloudTrail DA)', async ({
  sandbox,
}) => {
  const mgmt = await trailAs(sandbox, MANAGEMENT)
  const noAccess = await failure(mgmt.send(orgTrail))
  assert.is(noAccess.name, 'CloudTrailAccessNotEnabledException')
  enableTrustedAccess(sandbox)
  const fromMember = await failure((await trailAs(sandbox, WORKLOAD)).send(orgTrail))
  assert.is(fromMember.name, 'NotOrganizationMasterAccountException')
  const created = await mgmt.send(orgTrail)
  assert.is(created.TrailARN, 'arn:aws:cloudtrail:us-east-1:111111111111:trail/org-baseline')
  assert.is(created.IsOrganizationTrail, true)
  assert.is(created.LogFileValidationEnabled, true)
  const status = await mgmt.send(new GetTrailStatusCommand({ Name: 'org-baseline' }))
  assert.is(status.IsLogging, false, 'a new trail does not log until StartLogging')
})

test('a delegated administrator creates organization trails owned by the management account', async ({
  sandbox,
}) => {
  enableTrustedAccess(sandbox)
  sandbox.world.delegatedAdmins.set(
    'cloudtrail.amazonaws.com',
    new Map([[ADMIN, sandbox.world.clock.date()]]),
  )
  const admin = await trailAs(sandbox, ADMIN)
  const created = await admin.send(orgTrail)
  assert.is(created.TrailARN, `arn:aws:cloudtrail:us-east-1:${MANAGEMENT}:trail/org-baseline`)
  await admin.send(new StartLoggingCommand({ Name: created.TrailARN }))
  const status = await (await trailAs(sandbox, MANAGEMENT)).send(
    new GetTrailStatusCommand({ Name: 'org-baseline' }),
  )
  assert.is(status.IsLogging, true)
})

test('members see the organization trail as a shadow trail in every region and cannot stop it', async ({
  sandbox,
}) => {
  enableTrustedAccess(sandbox)
  const mgmt = await trailAs(sandbox, MANAGEMENT)
  const { TrailARN } = await mgmt.send(orgTrail)
  await mgmt.send(new StartLoggingCommand({ Name: 'org-baseline' }))

  const workload = await trailAs(sandbox, WORKLOAD, 'eu-west-1')
  const all = await workload.send(new DescribeTrailsCommand({}))
  assert.equal(
    all.trailList?.map((t) => [t.TrailARN, t.HomeRegion, t.IsOrganizationTrail]),
    [[TrailARN, 'us-east-1', true]],
  )
  const ownOnly = await workload.send(new DescribeTrailsCommand({ includeShadowTrails: false }))
  assert.equal(ownOnly.trailList, [])
  const status = await workload.send(new GetTrailStatusCommand({ Name: TrailARN }))
  assert.is(status.IsLogging, true)
  const listed = await workload.send(new ListTrailsCommand({}))
  assert.equal(
    listed.Trails?.map((t) => t.TrailARN),
    [TrailARN],
  )

  const inHome = await trailAs(sandbox, WORKLOAD)
  const stop = await failure(inHome.send(new StopLoggingCommand({ Name: TrailARN })))
  assert.is(stop.name, 'NotOrganizationMasterAccountException')
  const del = await failure(inHome.send(new DeleteTrailCommand({ Name: TrailARN })))
  assert.is(del.name, 'NotOrganizationMasterAccountException')
  const byName = await failure(inHome.send(new GetTrailCommand({ Name: 'org-baseline' })))
  assert.is(byName.name, 'TrailNotFoundException', 'a member finds the organization trail by its ARN only')
  assert.is(byName.status, 404)
})

test('five trails per region, a multi-region trail counting in every region', async ({ sandbox }) => {
  const east = await trailAs(sandbox, WORKLOAD)
  await east.send(
    new CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'bucket-a', IsMultiRegionTrail: true }),
  )
  for (const name of ['trail-1', 'trail-2', 'trail-3', 'trail-4']) {
    await east.send(new CreateTrailCommand({ Name: name, S3BucketName: 'bucket-a' }))
  }
  const sixth = await failure(
    east.send(new CreateTrailCommand({ Name: 'trail-5', S3BucketName: 'bucket-a' })),
  )
  assert.is(sixth.name, 'MaximumNumberOfTrailsExceededException')
  assert.is(sixth.status, 403)
  const west = await trailAs(sandbox, WORKLOAD, 'eu-west-1')
  const clash = await failure(
    west.send(new CreateTrailCommand({ Name: 'everywhere', S3BucketName: 'bucket-a' })),
  )
  assert.is(clash.name, 'TrailAlreadyExistsException')
  const shadow = await failure(west.send(new StopLoggingCommand({ Name: 'everywhere' })))
  assert.is(shadow.name, 'InvalidHomeRegionException', 'writes go to the home region')
  const { trailList } = await west.send(new DescribeTrailsCommand({}))
  assert.equal(
    trailList?.map((t) => t.Name),
    ['everywhere'],
  )
})

test('trail settings are validated: names, buckets, global events on multi-region trails', async ({
  sandbox,
}) => {
  const ct = await trailAs(sandbox, WORKLOAD)
  const badName = await failure(ct.send(new CreateTrailCommand({ Name: 'a--b', S3BucketName: 'bucket-a' })))
  assert.is(badName.name, 'InvalidTrailNameException')
  const badBucket = await failure(
    ct.send(new CreateTrailCommand({ Name: 'trail', S3BucketName: 'Bad_Bucket' })),
  )
  assert.is(badBucket.name, 'InvalidS3BucketNameException')
  const noGlobal = await failure(
    ct.send(
      new CreateTrailCommand({
        Name: 'trail',
        S3BucketName: 'bucket-a',
        IsMultiRegionTrail: true,
        IncludeGlobalServiceEvents: false,
      }),
    ),
  )
  assert.is(noGlobal.name, 'InvalidParameterCombinationException')
  await ct.send(new CreateTrailCommand({ Name: 'trail', S3BucketName: 'bucket-a' }))
  const updated = await ct.send(new UpdateTrailCommand({ Name: 'trail', IsMultiRegionTrail: true }))
  assert.is(updated.IsMultiRegionTrail, true)
  assert.is(updated.S3BucketName, 'bucket-a', 'UpdateTrail keeps what it is not given')
})

test('event selectors: basic or advanced, never both, within limits', async ({ sandbox }) => {
  const ct = await trailAs(sandbox, MANAGEMENT)
  await ct.send(new CreateTrailCommand({ Name: 'trail', S3BucketName: 'bucket-a' }))
  const defaults = await ct.send(new GetEventSelectorsCommand({ TrailName: 'trail' }))
  assert.equal(defaults.EventSelectors?.[0]?.ReadWriteType, 'All')
  assert.is(defaults.EventSelectors?.[0]?.IncludeManagementEvents, true)

  const both = await failure(
    ct.send(
      new PutEventSelectorsCommand({
        TrailName: 'trail',
        EventSelectors: [{ ReadWriteType: 'All' }],
        AdvancedEventSelectors: [{ FieldSelectors: [{ Field: 'eventCategory', Equals: ['Management'] }] }],
      }),
    ),
  )
  assert.is(both.name, 'InvalidEventSelectorsException')
  const six = await failure(
    ct.send(
      new PutEventSelectorsCommand({
        TrailName: 'trail',
        EventSelectors: Array(6).fill({ ReadWriteType: 'All' }),
      }),
    ),
  )
  assert.is(six.name, 'InvalidEventSelectorsException')
  const tooManyValues = await failure(
    ct.send(
      new PutEventSelectorsCommand({
        TrailName: 'trail',
        AdvancedEventSelectors: [
          {
            FieldSelectors: [
              { Field: 'eventCategory', Equals: ['Data'] },
              {
                Field: 'resources.ARN',
                StartsWith: Array.from({ length: 500 }, (_, i) => `arn:aws:s3:::b${i}/`),
              },
            ],
          },
        ],
      }),
    ),
  )
  assert.is(tooManyValues.name, 'InvalidEventSelectorsException')

  await ct.send(
    new PutEventSelectorsCommand({
      TrailName: 'trail',
      AdvancedEventSelectors: [
        {
          Name: 'S3 data events',
          FieldSelectors: [
            { Field: 'eventCategory', Equals: ['Data'] },
            { Field: 'resources.type', Equals: ['AWS::S3::Object'] },
          ],
        },
      ],
    }),
  )
  const advanced = await ct.send(new GetEventSelectorsCommand({ TrailName: 'trail' }))
  assert.is(advanced.EventSelectors, undefined, 'advanced selectors replace basic ones')
  assert.is(advanced.AdvancedEventSelectors?.[0]?.Name, 'S3 data events')
  const { trailList } = await ct.send(new DescribeTrailsCommand({ trailNameList: ['trail'] }))
  assert.is(trailList?.[0]?.HasCustomEventSelectors, true)
})

test('the stopLogging and deleteTrail controls are drift the API shows', async ({ sandbox }) => {
  enableTrustedAccess(sandbox)
  const ct = await trailAs(sandbox, MANAGEMENT)
  await ct.send(orgTrail)
  await ct.send(new StartLoggingCommand({ Name: 'org-baseline' }))
  sandbox.control('cloudtrail', 'stopLogging', { name: 'org-baseline' })
  assert.is((await ct.send(new GetTrailStatusCommand({ Name: 'org-baseline' }))).IsLogging, false)
  sandbox.control('cloudtrail', 'deleteTrail', { name: 'org-baseline' })
  const gone = await failure(ct.send(new GetTrailCommand({ Name: 'org-baseline' })))
  assert.is(gone.name, 'TrailNotFoundException')
})

test('tags on trails', async ({ sandbox }) => {
  const ct = await trailAs(sandbox, MANAGEMENT)
  const { TrailARN } = await ct.send(
    new CreateTrailCommand({
      Name: 'trail',
      S3BucketName: 'bucket-a',
      TagsList: [{ Key: 'org-baseline:managed', Value: 'true' }],
    }),
  )
  await ct.send(new AddTagsCommand({ ResourceId: TrailARN, TagsList: [{ Key: 'team', Value: 'security' }] }))
  const { ResourceTagList } = await ct.send(new ListTagsCommand({ ResourceIdList: [TrailARN ?? ''] }))
  assert.equal(ResourceTagList?.[0]?.TagsList, [
    { Key: 'org-baseline:managed', Value: 'true' },
    { Key: 'team', Value: 'security' },
  ])
  const byName = await failure(ct.send(new ListTagsCommand({ ResourceIdList: ['trail'] })))
  assert.is(byName.name, 'CloudTrailARNInvalidException')
})

test('event data stores: retention limits, termination protection, organization stores', async ({
  sandbox,
}) => {
  const ct = await trailAs(sandbox, MANAGEMENT)
  const short = await failure(ct.send(new CreateEventDataStoreCommand({ Name: 'lake', RetentionPeriod: 6 })))
  assert.is(short.name, 'InvalidParameterException')
  const long = await failure(
    ct.send(
      new CreateEventDataStoreCommand({
        Name: 'lake',
        RetentionPeriod: 3000,
        BillingMode: 'FIXED_RETENTION_PRICING',
      }),
    ),
  )
  assert.is(long.name, 'InvalidParameterException')
  const org = await failure(
    ct.send(new CreateEventDataStoreCommand({ Name: 'lake', OrganizationEnabled: true })),
  )
  assert.is(org.name, 'CloudTrailAccessNotEnabledException')

  const created = await ct.send(new CreateEventDataStoreCommand({ Name: 'lake', RetentionPeriod: 3653 }))
  assert.is(created.Status, 'CREATED')
  assert.is(created.TerminationProtectionEnabled, true)
  sandbox.world.clock.advance(5 * 60_000)
  const fetched = await ct.send(new GetEventDataStoreCommand({ EventDataStore: created.EventDataStoreArn }))
  assert.is(fetched.Status, 'ENABLED')
  const duplicate = await failure(ct.send(new CreateEventDataStoreCommand({ Name: 'lake' })))
  assert.is(duplicate.name, 'EventDataStoreAlreadyExistsException')

  const protectedStore = await failure(
    ct.send(new DeleteEventDataStoreCommand({ EventDataStore: created.EventDataStoreArn })),
  )
  assert.is(protectedStore.name, 'EventDataStoreTerminationProtectedException')
  await ct.send(
    new UpdateEventDataStoreCommand({
      EventDataStore: created.EventDataStoreArn,
      TerminationProtectionEnabled: false,
    }),
  )
  await ct.send(new DeleteEventDataStoreCommand({ EventDataStore: created.EventDataStoreArn }))
  const { EventDataStores } = await ct.send(new ListEventDataStoresCommand({}))
  assert.equal(
    EventDataStores?.map((s) => s.Status),
    ['PENDING_DELETION'],
  )
  sandbox.world.clock.advance(8 * 24 * 3600_000)
  const missing = await failure(
    ct.send(new GetEventDataStoreCommand({ EventDataStore: created.EventDataStoreArn })),
  )
  assert.is(missing.name, 'EventDataStoreNotFoundException')
  const badMax = await failure(ct.send(new ListEventDataStoresCommand({ MaxResults: 0 })))
  assert.is(badMax.name, 'InvalidMaxResultsException')
})

test('the cloudTrail seed section starts the sandbox with existing trails', async () => {
  const seed = readSeedFile(DEFAULT_SEED_FILE)
  const seeded = await startSandbox({
    speed: 1,
    seed: {
      ...seed,
      cloudTrail: { trails: [{ account: 'Retail Dev', region: 'eu-west-1', name: 'legacy-trail' }] },
    },
  })
  try {
    const ct = await trailAs(seeded, '666666666667', 'eu-west-1')
    const status = await ct.send(new GetTrailStatusCommand({ Name: 'legacy-trail' }))
    assert.is(status.IsLogging, true)
  } finally {
    await seeded.close()
  }
})

test.run()
