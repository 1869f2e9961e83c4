// CloudFormation resource providers for CloudTrail: AWS::CloudTrail::Trail (created, then logging as
// IsLogging says) and AWS::CloudTrail::EventDataStore, through the same rules as the API.
import { SandboxError } from '../../errors.ts'
import {
  cfnBool,
  cfnList,
  cfnNumber,
  cfnString,
  declaredProps,
  generatedName,
  projectDeclared,
  resourceKey,
} from '../cloudformation/resource-props.ts'
import {
  type ResourceContext,
  type ResourceProvider,
  registerResourceProvider,
} from '../cloudformation/resource-providers.ts'
import { createStore, deleteStore, findStore, storeStatus, updateStore } from './event-data-stores.ts'
import { putEventSelectors } from './event-selectors.ts'
import { cloudTrailState, ownedTrails, type Trail } from './state.ts'
import { type Caller, createTrail, parseTags, removeTrail, setLogging, updateTrail } from './trails.ts'

type Props = Record<string, unknown>

const callerOf = (ctx: ResourceContext): Caller => ({
  world: ctx.world,
  account: ctx.account,
  region: ctx.region,
})

function trailSettings(props: Props): Record<string, unknown> {
  const settings: Record<string, unknown> = {
    s3BucketName: cfnString(props.S3BucketName),
    s3KeyPrefix: cfnString(props.S3KeyPrefix),
    snsTopicName: cfnString(props.SnsTopicName),
    includeGlobalServiceEvents:
      props.IncludeGlobalServiceEvents === undefined
        ? undefined
        : cfnBool(props.IncludeGlobalServiceEvents, true),
    isMultiRegionTrail:
      props.IsMultiRegionTrail === undefined ? undefined : cfnBool(props.IsMultiRegionTrail, false),
    logFileValidationEnabled:
      props.EnableLogFileValidation === undefined ? undefined : cfnBool(props.EnableLogFileValidation, false),
    cloudWatchLogsLogGroupArn: cfnString(props.CloudWatchLogsLogGroupArn),
    cloudWatchLogsRoleArn: cfnString(props.CloudWatchLogsRoleArn),
    kmsKeyId: cfnString(props.KMSKeyId),
    isOrganizationTrail:
      props.IsOrganizationTrail === undefined ? undefined : cfnBool(props.IsOrganizationTrail, false),
  }
  return Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined))
}

function isLogging(props: Props, ctx: ResourceContext): boolean {
  if (props.IsLogging === undefined) {
    throw new SandboxError(
      'ValidationError',
      `Properties validation failed for resource ${ctx.logicalId} with message: #: required key [IsLogging] not found`,
    )
  }
  return cfnBool(props.IsLogging, false)
}

function basicSelectors(value: unknown): unknown {
  return cfnList<Props>(value)?.map((s) => ({
    ...s,
    ...(s.IncludeManagementEvents !== undefined && {
      IncludeManagementEvents: cfnBool(s.IncludeManagementEvents, true),
    }),
  }))
}

function applySelectors(trail: Trail, props: Props): void {
  if (props.EventSelectors !== undefined || props.AdvancedEventSelectors !== undefined) {
    putEventSelectors(trail, basicSelectors(props.EventSelectors), cfnList(props.AdvancedEventSelectors))
  } else {
    trail.eventSelectors = undefined
    trail.advancedEventSelectors = undefined
    trail.hasCustomEventSelectors = false
  }
}

/** The stack's trail: owned by the stack's account, or by the management account when it is an org trail. */
function stackTrail(physicalId: string, ctx: ResourceContext): Trail | undefined {
  const owners = [ctx.account, ctx.world.managementAccountId]
  for (const owner of owners) {
    const trail = ownedTrails(ctx.world, owner).find(
      (t) => t.name === physicalId && t.homeRegion === ctx.region,
    )
    if (trail) return trail
  }
  return undefined
}

const trailProvider: ResourceProvider = {
  create(props, ctx) {
    const logging = isLogging(props, ctx)
    const name =
      cfnString(props.TrailName) ?? generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 128)
    const trail = createTrail(callerOf(ctx), name, trailSettings(props), parseTags(props.Tags))
    try {
      applySelectors(trail, props)
    } catch (error) {
      removeTrail(ctx.world, trail) // the resource failed: leave nothing behind
      throw error
    }
    setLogging(ctx.world, trail, logging)
    declaredProps(ctx.world, 'cloudtrail-trail').remember(resourceKey(name, ctx), props)
    return { physicalId: name, attributes: trailAttributes(trail) }
  },
  update(physicalId, props, ctx) {
    const logging = isLogging(props, ctx)
    const trail = stackTrail(physicalId, ctx)
    if (!trail) throw new SandboxError('NotFound', `Trail ${physicalId} not found.`)
    updateTrail(callerOf(ctx), trail.arn, trailSettings(props))
    applySelectors(trail, props)
    setLogging(ctx.world, trail, logging)
    trail.tags = parseTags(props.Tags)
    declaredProps(ctx.world, 'cloudtrail-trail').remember(resourceKey(physicalId, ctx), props)
    return { attributes: trailAttributes(trail) }
  },
  delete(physicalId, ctx) {
    const trail = stackTrail(physicalId, ctx)
    if (trail) removeTrail(ctx.world, trail)
    declaredProps(ctx.world, 'cloudtrail-trail').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const trail = stackTrail(physicalId, ctx)
    if (!trail) return undefined
    const actual = {
      TrailName: trail.name,
      S3BucketName: trail.s3BucketName,
      S3KeyPrefix: trail.s3KeyPrefix,
      SnsTopicName: trail.snsTopicName,
      IncludeGlobalServiceEvents: trail.includeGlobalServiceEvents,
      IsMultiRegionTrail: trail.isMultiRegionTrail,
      EnableLogFileValidation: trail.logFileValidationEnabled,
      CloudWatchLogsLogGroupArn: trail.cloudWatchLogsLogGroupArn,
      CloudWatchLogsRoleArn: trail.cloudWatchLogsRoleArn,
      KMSKeyId: trail.kmsKeyId,
      IsOrganizationTrail: trail.isOrganizationTrail,
      IsLogging: trail.logging,
      EventSelectors: trail.eventSelectors,
      AdvancedEventSelectors: trail.advancedEventSelectors,
      Tags: [...trail.tags].map(([Key, Value]) => ({ Key, Value })),
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 'cloudtrail-trail').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

function trailAttributes(trail: Trail): Record<string, unknown> {
  return {
    Arn: trail.arn,
    ...(trail.snsTopicName && {
      SnsTopicArn: `arn:aws:sns:${trail.homeRegion}:${trail.owner}:${trail.snsTopicName}`,
    }),
  }
}

function storeInput(props: Props): Props {
  const flag = (name: string) => (props[name] === undefined ? undefined : cfnBool(props[name], false))
  return {
    AdvancedEventSelectors: cfnList(props.AdvancedEventSelectors),
    MultiRegionEnabled: flag('MultiRegionEnabled'),
    OrganizationEnabled: flag('OrganizationEnabled'),
    RetentionPeriod: cfnNumber(props.RetentionPeriod),
    TerminationProtectionEnabled: flag('TerminationProtectionEnabled'),
    KmsKeyId: cfnString(props.KmsKeyId),
    BillingMode: cfnString(props.BillingMode),
  }
}

const eventDataStoreProvider: ResourceProvider = {
  create(props, ctx) {
    const name =
      cfnString(props.Name) ?? generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 128)
    const store = createStore(callerOf(ctx), {
      Name: name,
      ...storeInput(props),
      StartIngestion: props.IngestionEnabled === undefined ? true : cfnBool(props.IngestionEnabled, true),
      TagsList: cfnList(props.Tags),
    })
    declaredProps(ctx.world, 'cloudtrail-store').remember(resourceKey(store.arn, ctx), props)
    return { physicalId: store.arn, attributes: storeAttributes(store.arn, ctx) }
  },
  update(physicalId, props, ctx) {
    const store = updateStore(callerOf(ctx), {
      EventDataStore: physicalId,
      Name: cfnString(props.Name),
      ...storeInput(props),
    })
    if (props.IngestionEnabled !== undefined) store.ingestion = cfnBool(props.IngestionEnabled, true)
    declaredProps(ctx.world, 'cloudtrail-store').remember(resourceKey(physicalId, ctx), props)
    return { attributes: storeAttributes(physicalId, ctx) }
  },
  delete(physicalId, ctx) {
    const store = cloudTrailState(ctx.world).stores.get(physicalId)
    // Termination protection fails the stack's delete, as in AWS.
    if (store && !store.deletedAt) deleteStore(callerOf(ctx), physicalId)
    declaredProps(ctx.world, 'cloudtrail-store').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const store = cloudTrailState(ctx.world).stores.get(physicalId)
    if (!store || store.deletedAt) return undefined
    const actual = {
      Name: store.name,
      AdvancedEventSelectors: store.advancedEventSelectors,
      MultiRegionEnabled: store.multiRegionEnabled,
      OrganizationEnabled: store.organizationEnabled,
      RetentionPeriod: store.retentionPeriod,
      TerminationProtectionEnabled: store.terminationProtectionEnabled,
      KmsKeyId: store.kmsKeyId,
      BillingMode: store.billingMode,
      IngestionEnabled: store.ingestion,
      Tags: [...store.tags].map(([Key, Value]) => ({ Key, Value })),
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 'cloudtrail-store').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

function storeAttributes(arn: string, ctx: ResourceContext): Record<string, unknown> {
  const store = findStore(callerOf(ctx), arn)
  return {
    EventDataStoreArn: store.arn,
    Status: storeStatus(store, ctx.world.clock.now()),
    CreatedTimestamp: store.createdAt.toISOString(),
    UpdatedTimestamp: store.updatedAt.toISOString(),
  }
}

registerResourceProvider('AWS::CloudTrail::Trail', trailProvider)
registerResourceProvider('AWS::CloudTrail::EventDataStore', eventDataStoreProvider)
