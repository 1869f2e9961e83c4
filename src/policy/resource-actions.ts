// Shared by the sandbox (which enforces it on CloudFormation resources) and the lockout guard (which proves SCPs
// leave StackSet execution roles these calls): one table.
// What CloudFormation calls when it creates, updates or deletes a resource of a type: the IAM actions the
// resource type's handlers need (the CloudFormation registry schema's `handlers.<create|update|delete>.permissions`,
// reduced to the service's primary calls — read-backs such as Describe* are left out) and the ARN each is
// judged against (the Service Authorization Reference's ARN format for that resource; `*` where the action
// has no resource type). Types not listed are not authorized (the sandbox records them only).
type Mode = 'create' | 'update' | 'delete'

export interface ResourceCall {
  action: string
  resources: string[]
}

export interface ResourceScope {
  account: string
  region: string
  /** The physical id once the resource exists (update, delete). */
  physicalId?: string
  props: Record<string, unknown>
}

type Planner = (mode: Mode, scope: ResourceScope) => ResourceCall[]

const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)
const list = (v: unknown) => (Array.isArray(v) ? v : [])

const trailArn = (s: ResourceScope) => {
  const name = s.physicalId ?? str(s.props.TrailName)
  if (name?.startsWith('arn:')) return name
  return `arn:aws:cloudtrail:${s.region}:${s.account}:trail/${name ?? '*'}`
}
const ruleArn = (s: ResourceScope) => {
  const name = s.physicalId ?? str(s.props.Name)
  if (name?.startsWith('arn:')) return name
  return `arn:aws:events:${s.region}:${s.account}:rule/${name ?? '*'}`
}
const topicArn = (s: ResourceScope) =>
  s.physicalId ?? `arn:aws:sns:${s.region}:${s.account}:${str(s.props.TopicName) ?? '*'}`
const bucketArn = (name: string | undefined) => `arn:aws:s3:::${name ?? '*'}`
const glueCatalog = (s: ResourceScope) => `arn:aws:glue:${s.region}:${s.account}:catalog`

const one = (action: string, resource = '*'): ResourceCall => ({ action, resources: [resource] })

const PLANNERS: Record<string, Planner> = {
  // AWS::Config::* handlers call Config's recorder / channel / aggregator APIs (no resource type: `*`).
  'AWS::Config::ConfigurationRecorder': (mode) =>
    mode === 'delete'
      ? [one('config:StopConfigurationRecorder'), one('config:DeleteConfigurationRecorder')]
      : [one('config:PutConfigurationRecorder')],
  'AWS::Config::DeliveryChannel': (mode) =>
    mode === 'delete'
      ? [one('config:StopConfigurationRecorder'), one('config:DeleteDeliveryChannel')]
      : [one('config:PutDeliveryChannel'), one('config:StartConfigurationRecorder')],
  'AWS::Config::ConfigurationAggregator': (mode) => [
    one(mode === 'delete' ? 'config:DeleteConfigurationAggregator' : 'config:PutConfigurationAggregator'),
  ],
  'AWS::CloudTrail::Trail': (mode, s) => {
    const arn = trailArn(s)
    if (mode === 'delete') return [one('cloudtrail:DeleteTrail', arn)]
    const calls = [one(mode === 'create' ? 'cloudtrail:CreateTrail' : 'cloudtrail:UpdateTrail', arn)]
    if (s.props.EventSelectors || s.props.AdvancedEventSelectors)
      calls.push(one('cloudtrail:PutEventSelectors', arn))
    const logging = String(s.props.IsLogging) === 'true'
    calls.push(one(logging ? 'cloudtrail:StartLogging' : 'cloudtrail:StopLogging', arn))
    return calls
  },
  'AWS::CloudTrail::EventDataStore': (mode, s) => [
    mode === 'create'
      ? one('cloudtrail:CreateEventDataStore')
      : one(
          mode === 'update' ? 'cloudtrail:UpdateEventDataStore' : 'cloudtrail:DeleteEventDataStore',
          s.physicalId,
        ),
  ],
  'AWS::Events::Rule': (mode, s) => {
    const arn = ruleArn(s)
    if (mode === 'delete') return [one('events:RemoveTargets', arn), one('events:DeleteRule', arn)]
    const calls = [one('events:PutRule', arn)]
    if (list(s.props.Targets).length > 0) calls.push(one('events:PutTargets', arn))
    return calls
  },
  'AWS::SNS::Topic': (mode, s) => {
    const arn = topicArn(s)
    if (mode === 'delete') return [one('sns:DeleteTopic', arn)]
    const calls = [one(mode === 'create' ? 'sns:CreateTopic' : 'sns:SetTopicAttributes', arn)]
    if (list(s.props.Subscription).length > 0) calls.push(one('sns:Subscribe', arn))
    return calls
  },
  'AWS::SNS::Subscription': (mode, s) => {
    const topic = str(s.props.TopicArn) ?? '*'
    if (mode === 'delete') return [one('sns:Unsubscribe', topic)]
    return [one(mode === 'create' ? 'sns:Subscribe' : 'sns:SetSubscriptionAttributes', topic)]
  },
  'AWS::SNS::TopicPolicy': (_mode, s) => {
    const topics = list(s.props.Topics).filter((t): t is string => typeof t === 'string')
    return [{ action: 'sns:SetTopicAttributes', resources: topics.length > 0 ? topics : ['*'] }]
  },
  'AWS::S3::Bucket': (mode, s) => {
    const arn = bucketArn(s.physicalId ?? str(s.props.BucketName))
    if (mode === 'delete') return [one('s3:DeleteBucket', arn)]
    const calls = mode === 'create' ? [one('s3:CreateBucket', arn)] : []
    if (s.props.VersioningConfiguration) calls.push(one('s3:PutBucketVersioning', arn))
    if (s.props.BucketEncryption) calls.push(one('s3:PutEncryptionConfiguration', arn))
    if (s.props.PublicAccessBlockConfiguration) calls.push(one('s3:PutBucketPublicAccessBlock', arn))
    if (s.props.ObjectLockConfiguration) calls.push(one('s3:PutBucketObjectLockConfiguration', arn))
    if (s.props.LifecycleConfiguration) calls.push(one('s3:PutLifecycleConfiguration', arn))
    return calls
  },
  'AWS::S3::BucketPolicy': (mode, s) => [
    one(mode === 'delete' ? 's3:DeleteBucketPolicy' : 's3:PutBucketPolicy', bucketArn(str(s.props.Bucket))),
  ],
  'AWS::Glue::Database': (mode, s) => {
    const name = str((s.props.DatabaseInput as Record<string, unknown> | undefined)?.Name) ?? s.physicalId
    const action = {
      create: 'glue:CreateDatabase',
      update: 'glue:UpdateDatabase',
      delete: 'glue:DeleteDatabase',
    }[mode]
    return [
      {
        action,
        resources: [glueCatalog(s), `arn:aws:glue:${s.region}:${s.account}:database/${name ?? '*'}`],
      },
    ]
  },
  'AWS::Glue::Table': (mode, s) => {
    const db = str(s.props.DatabaseName) ?? '*'
    const name = str((s.props.TableInput as Record<string, unknown> | undefined)?.Name) ?? '*'
    const action = { create: 'glue:CreateTable', update: 'glue:UpdateTable', delete: 'glue:DeleteTable' }[
      mode
    ]
    return [
      {
        action,
        resources: [
          glueCatalog(s),
          `arn:aws:glue:${s.region}:${s.account}:database/${db}`,
          `arn:aws:glue:${s.region}:${s.account}:table/${db}/${name}`,
        ],
      },
    ]
  },
}

export function resourceCalls(type: string, mode: Mode, scope: ResourceScope): ResourceCall[] {
  return PLANNERS[type]?.(mode, scope) ?? []
}

export const authorizedResourceTypes = () => Object.keys(PLANNERS)
