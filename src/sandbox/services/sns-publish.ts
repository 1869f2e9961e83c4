// Publishing to a recorded SNS topic on behalf of an AWS service (EventBridge delivering to a target), and
// the log of every publish, which tests read (`sandbox.control('sns', 'published')`) to assert alerts.
// A service may publish only when the topic policy allows it `sns:Publish` (SNS developer guide, "Amazon
// SNS access control"; without a TopicPolicy the topic has SNS's default policy, which allows only the
// owner account). A topic encrypted with a KMS key also needs the key policy to let the service use the
// key (SNS developer guide, "Configure AWS KMS permissions for AWS services": kms:GenerateDataKey* and
// kms:Decrypt); an AWS managed key (alias/aws/sns) cannot be shared with services, so delivery fails.
import type { World } from '../state.ts'
import { resolveKey } from './kms/keys.ts'
import { resourcePolicyAllows, resourceRcps, serviceContext } from './service-access.ts'
import { snsTopics } from './sns-resources.ts'

export interface SnsPublication {
  /** Simulated time, ISO-8601. */
  at: string
  topicArn: string
  message: string
  /** The service principal that published. */
  publishedBy: string
  /** The resource it published for (e.g. the EventBridge rule). */
  sourceArn: string
  /** Subscriptions the message goes to (confirmed ones; pending e-mail subscriptions get nothing). */
  deliveredTo: number
}

export function snsPublished(world: World): SnsPublication[] {
  return world.slice('sns-published', () => [] as SnsPublication[])
}

export type PublishOutcome = { published: true } | { published: false; reason: string }

export function publishAsService(
  world: World,
  topicArn: string,
  service: string,
  source: { arn: string; account: string },
  message: string,
): PublishOutcome {
  const topic = snsTopics(world).get(topicArn)
  if (!topic) return { published: false, reason: `Topic ${topicArn} does not exist` }
  const context = serviceContext(world, service, source.account, source.arn)
  const policy = topic.policy?.document as never
  if (
    !resourcePolicyAllows(policy, topicArn, { service, action: 'sns:Publish', resource: topicArn, context })
  )
    return {
      published: false,
      reason: `The topic policy of ${topicArn} does not allow ${service} to publish`,
    }
  if (topic.kmsMasterKeyId) {
    const key = resolveKey(world, topic.account, topic.region, topic.kmsMasterKeyId)
    if (!key)
      return { published: false, reason: `KMS key ${topic.kmsMasterKeyId} is not available to ${service}` }
    for (const action of ['kms:GenerateDataKey', 'kms:Decrypt']) {
      const rcps = resourceRcps(world, key.account, action)
      if (!resourcePolicyAllows(key.policy, key.arn, { service, action, resource: key.arn, context }, rcps))
        return {
          published: false,
          reason: `The key policy of ${key.arn} does not allow ${service} ${action}`,
        }
    }
  }
  snsPublished(world).push({
    at: world.clock.date().toISOString(),
    topicArn,
    message,
    publishedBy: service,
    sourceArn: source.arn,
    deliveredTo: topic.subscriptions.filter((s) => !s.pendingConfirmation).length,
  })
  return { published: true }
}
