// Amazon EventBridge (prefix `events`). Source: Service Authorization Reference, "Actions, resources, and
// condition keys for Amazon EventBridge": resource type rule-on-default-event-bus
// (`arn:${Partition}:events:${Region}:${Account}:rule/${RuleName}`); ListRules has none.
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, tagKeys, text, texts } from './helpers.ts'

const rule =
  (key: string) =>
  (input: ActionInput, scope: ActionScope): string[] => {
    const name = text(input, key)
    if (!name) return ['*']
    return [name.startsWith('arn:') ? name : `arn:aws:events:${scope.region}:${scope.account}:rule/${name}`]
  }

const onRule = (action: string, key = 'Name') => ({ action: `events:${action}`, resources: rule(key) })

export const eventsActions: ActionTable = {
  PutRule: { ...onRule('PutRule'), context: (input) => requestTags(input.Tags) },
  DescribeRule: onRule('DescribeRule'),
  ListRules: { action: 'events:ListRules' },
  DeleteRule: onRule('DeleteRule'),
  EnableRule: onRule('EnableRule'),
  DisableRule: onRule('DisableRule'),
  PutTargets: onRule('PutTargets', 'Rule'),
  RemoveTargets: onRule('RemoveTargets', 'Rule'),
  ListTargetsByRule: onRule('ListTargetsByRule', 'Rule'),
  TagResource: { ...onRule('TagResource', 'ResourceARN'), context: (input) => requestTags(input.Tags) },
  UntagResource: {
    ...onRule('UntagResource', 'ResourceARN'),
    context: (input) => tagKeys(texts(input, 'TagKeys')),
  },
  ListTagsForResource: onRule('ListTagsForResource', 'ResourceARN'),
}
