// SNS has no simulated API here; stacks that declare topics, subscriptions and topic policies (the root
// sign-in alert, findings routing) record them so tests can read what a stack made and drift detection can
// compare. Read with `snsTopics(world)`; a test may change or delete a topic in place to inject drift.
import { randomUUID } from 'node:crypto'
import { SandboxError } from '../errors.ts'
import type { World } from '../state.ts'
import {
  cfnBool,
  cfnList,
  cfnString,
  declaredProps,
  generatedName,
  projectDeclared,
  resourceKey,
} from './cloudformation/resource-props.ts'
import { type ResourceProvider, registerResourceProvider } from './cloudformation/resource-providers.ts'

export interface SnsSubscription {
  arn: string
  topicArn: string
  protocol: string
  endpoint?: string
  filterPolicy?: unknown
  rawMessageDelivery: boolean
  /** Email and HTTP endpoints must confirm; AWS shows them pending until they do. */
  pendingConfirmation: boolean
  /** Made by the topic's inline Subscription property rather than an AWS::SNS::Subscription resource. */
  inline: boolean
}

export interface SnsTopic {
  arn: string
  name: string
  account: string
  region: string
  displayName?: string
  kmsMasterKeyId?: string
  fifo: boolean
  /** The policy a TopicPolicy resource set (physical id → document); absent = SNS's default policy. */
  policy?: { id: string; document: unknown }
  tags: Map<string, string>
  subscriptions: SnsSubscription[]
}

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/
const PROTOCOLS = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'application', 'lambda', 'firehose']
const CONFIRMED_PROTOCOLS = new Set(['sqs', 'lambda', 'firehose', 'application', 'sms'])

type Props = Record<string, unknown>

/** Every recorded topic, by ARN. */
export function snsTopics(world: World): Map<string, SnsTopic> {
  return world.slice('sns', () => new Map<string, SnsTopic>())
}

export function topicsIn(world: World, account: string, region: string): SnsTopic[] {
  return [...snsTopics(world).values()].filter((t) => t.account === account && t.region === region)
}

const invalid = (message: string) => new SandboxError('InvalidParameter', `Invalid parameter: ${message}`)

function topicOf(world: World, arn: unknown): SnsTopic {
  const topic = snsTopics(world).get(String(arn))
  if (!topic) throw new SandboxError('NotFound', `Topic does not exist: ${String(arn)}`, 404)
  return topic
}

function subscribe(topic: SnsTopic, props: Props, inline: boolean): SnsSubscription {
  const protocol = cfnString(props.Protocol)
  if (!protocol || !PROTOCOLS.includes(protocol)) throw invalid(`Protocol ${String(protocol)}`)
  const endpoint = cfnString(props.Endpoint)
  if (protocol.startsWith('email') && !/^[^@\s]+@[^@\s]+$/.test(endpoint ?? ''))
    throw invalid('Email address')
  const subscription: SnsSubscription = {
    arn: `${topic.arn}:${randomUUID()}`,
    topicArn: topic.arn,
    protocol,
    ...(endpoint !== undefined && { endpoint }),
    ...(props.FilterPolicy !== undefined && { filterPolicy: props.FilterPolicy }),
    rawMessageDelivery: cfnBool(props.RawMessageDelivery, false),
    pendingConfirmation: !CONFIRMED_PROTOCOLS.has(protocol),
    inline,
  }
  topic.subscriptions.push(subscription)
  return subscription
}

function inlineSubscriptions(topic: SnsTopic, props: Props): void {
  topic.subscriptions = topic.subscriptions.filter((s) => !s.inline)
  for (const sub of cfnList<Props>(props.Subscription) ?? []) subscribe(topic, sub, true)
}

const topicProvider: ResourceProvider = {
  create(props, ctx) {
    const fifo = cfnBool(props.FifoTopic, false)
    const base =
      cfnString(props.TopicName) ??
      generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), fifo ? 251 : 256)
    const name = fifo && !base.endsWith('.fifo') ? `${base}.fifo` : base
    if (!TOPIC_NAME.test(fifo ? name.replace(/\.fifo$/, '') : name)) throw invalid(`Topic Name ${name}`)
    const arn = `arn:aws:sns:${ctx.region}:${ctx.account}:${name}`
    if (snsTopics(ctx.world).has(arn)) {
      throw new SandboxError(
        'AlreadyExistsException',
        `Resource of type 'AWS::SNS::Topic' with identifier '${arn}' already exists.`,
      )
    }
    const topic: SnsTopic = {
      arn,
      name,
      account: ctx.account,
      region: ctx.region,
      ...(props.DisplayName !== undefined && { displayName: String(props.DisplayName) }),
      ...(props.KmsMasterKeyId !== undefined && { kmsMasterKeyId: String(props.KmsMasterKeyId) }),
      fifo,
      tags: new Map((cfnList<Props>(props.Tags) ?? []).map((t) => [String(t.Key), String(t.Value ?? '')])),
      subscriptions: [],
    }
    inlineSubscriptions(topic, props)
    snsTopics(ctx.world).set(arn, topic)
    declaredProps(ctx.world, 'sns-topic').remember(resourceKey(arn, ctx), props)
    return { physicalId: arn, attributes: { TopicArn: arn, TopicName: name } }
  },
  update(physicalId, props, ctx) {
    const topic = topicOf(ctx.world, physicalId)
    topic.displayName = cfnString(props.DisplayName)
    topic.kmsMasterKeyId = cfnString(props.KmsMasterKeyId)
    topic.tags = new Map(
      (cfnList<Props>(props.Tags) ?? []).map((t) => [String(t.Key), String(t.Value ?? '')]),
    )
    inlineSubscriptions(topic, props)
    declaredProps(ctx.world, 'sns-topic').remember(resourceKey(physicalId, ctx), props)
    return { attributes: { TopicArn: topic.arn, TopicName: topic.name } }
  },
  delete(physicalId, ctx) {
    snsTopics(ctx.world).delete(physicalId)
    declaredProps(ctx.world, 'sns-topic').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const topic = snsTopics(ctx.world).get(physicalId)
    if (!topic) return undefined
    const actual = {
      TopicName: topic.name,
      DisplayName: topic.displayName,
      KmsMasterKeyId: topic.kmsMasterKeyId,
      FifoTopic: topic.fifo,
      Subscription: topic.subscriptions
        .filter((s) => s.inline)
        .map((s) => ({ Endpoint: s.endpoint, Protocol: s.protocol })),
      Tags: [...topic.tags].map(([Key, Value]) => ({ Key, Value })),
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 'sns-topic').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

/** A subscription's ARN is its topic's ARN and an id (`subscribe`): the topic is looked up, not searched for. */
function topicArnOf(subscriptionArn: string): string {
  return subscriptionArn.slice(0, subscriptionArn.lastIndexOf(':'))
}

function findSubscription(world: World, arn: string): SnsSubscription | undefined {
  return snsTopics(world)
    .get(topicArnOf(arn))
    ?.subscriptions.find((s) => s.arn === arn)
}

const subscriptionProvider: ResourceProvider = {
  create(props, ctx) {
    const subscription = subscribe(topicOf(ctx.world, props.TopicArn), props, false)
    declaredProps(ctx.world, 'sns-subscription').remember(resourceKey(subscription.arn, ctx), props)
    return { physicalId: subscription.arn, attributes: { Arn: subscription.arn } }
  },
  update(physicalId, props, ctx) {
    const subscription = findSubscription(ctx.world, physicalId)
    if (!subscription) throw new SandboxError('NotFound', `Subscription does not exist: ${physicalId}`, 404)
    if (props.FilterPolicy !== undefined) subscription.filterPolicy = props.FilterPolicy
    subscription.rawMessageDelivery = cfnBool(props.RawMessageDelivery, false)
    declaredProps(ctx.world, 'sns-subscription').remember(resourceKey(physicalId, ctx), props)
  },
  delete(physicalId, ctx) {
    const topic = snsTopics(ctx.world).get(topicArnOf(physicalId))
    if (topic) topic.subscriptions = topic.subscriptions.filter((s) => s.arn !== physicalId)
    declaredProps(ctx.world, 'sns-subscription').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const s = findSubscription(ctx.world, physicalId)
    if (!s) return undefined
    const actual = {
      TopicArn: s.topicArn,
      Protocol: s.protocol,
      Endpoint: s.endpoint,
      FilterPolicy: s.filterPolicy,
      RawMessageDelivery: s.rawMessageDelivery,
    }
    return projectDeclared(
      actual,
      declaredProps(ctx.world, 'sns-subscription').get(resourceKey(physicalId, ctx)),
    ) as Props
  },
}

function parseDocument(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value)
  } catch {
    throw invalid('Policy Error: the policy document is not valid JSON')
  }
}

function applyPolicy(world: World, id: string, props: Props): void {
  const document = parseDocument(props.PolicyDocument)
  if (!document || typeof document !== 'object') throw invalid('Policy Error: null')
  const topics = (cfnList(props.Topics) ?? []).map((arn) => topicOf(world, arn))
  if (topics.length === 0) throw invalid('Topics must not be empty')
  for (const topic of policyHolders(world, id)) topic.policy = undefined
  for (const topic of topics) topic.policy = { id, document }
  policyIndex(world).set(id, new Set(topics.map((t) => t.arn)))
}

/**
 * Topic ARNs each TopicPolicy was applied to, so a policy's topics are found without scanning every topic
 * of the organization (17 Regions × accounts of them).
 */
function policyIndex(world: World): Map<string, Set<string>> {
  return world.slice('sns-topic-policies', () => new Map<string, Set<string>>())
}

/** The topics that hold policy `id` now (a topic deleted or given another policy since no longer does). */
function policyHolders(world: World, id: string): SnsTopic[] {
  const topics = snsTopics(world)
  const holders: SnsTopic[] = []
  for (const arn of policyIndex(world).get(id) ?? []) {
    const topic = topics.get(arn)
    if (topic?.policy?.id === id) holders.push(topic)
  }
  return holders
}

const topicPolicyProvider: ResourceProvider = {
  create(props, ctx) {
    const id = generatedName(ctx.stackName, ctx.logicalId, ctx.world.nextId(12), 128)
    applyPolicy(ctx.world, id, props)
    declaredProps(ctx.world, 'sns-topic-policy').remember(resourceKey(id, ctx), props)
    return { physicalId: id, attributes: { Id: id } }
  },
  update(physicalId, props, ctx) {
    applyPolicy(ctx.world, physicalId, props)
    declaredProps(ctx.world, 'sns-topic-policy').remember(resourceKey(physicalId, ctx), props)
  },
  delete(physicalId, ctx) {
    for (const topic of policyHolders(ctx.world, physicalId)) topic.policy = undefined
    policyIndex(ctx.world).delete(physicalId)
    declaredProps(ctx.world, 'sns-topic-policy').forget(resourceKey(physicalId, ctx))
  },
  read(physicalId, ctx) {
    const holders = policyHolders(ctx.world, physicalId)
    const first = holders[0]
    if (!first) return undefined
    const declared = declaredProps(ctx.world, 'sns-topic-policy').get(resourceKey(physicalId, ctx))
    const actual = {
      PolicyDocument:
        typeof declared.PolicyDocument === 'string'
          ? JSON.stringify(first.policy?.document)
          : first.policy?.document,
      Topics: holders.map((t) => t.arn),
    }
    return projectDeclared(actual, declared) as Props
  },
}

registerResourceProvider('AWS::SNS::Topic', topicProvider)
registerResourceProvider('AWS::SNS::Subscription', subscriptionProvider)
registerResourceProvider('AWS::SNS::TopicPolicy', topicPolicyProvider)
