// AWS CloudTrail (prefix `cloudtrail`). Source: Service Authorization Reference, "Actions, resources, and
// condition keys for AWS CloudTrail": resource types trail (`arn:${Partition}:cloudtrail:${Region}:${Account}:trail/${TrailName}`)
// and eventdatastore (`arn:${Partition}:cloudtrail:${Region}:${Account}:eventdatastore/${EventDataStoreId}`);
// DescribeTrails, ListTrails, ListEventDataStores and the delegated-admin operations have none. A trail named
// by name is the caller's own in the request's Region; by ARN, the ARN itself.
import type { ActionInput, ActionScope, ActionTable } from '../types.ts'
import { requestTags, text, texts } from './helpers.ts'

const trailArn = (nameOrArn: string, scope: ActionScope) =>
  nameOrArn.startsWith('arn:')
    ? nameOrArn
    : `arn:aws:cloudtrail:${scope.region}:${scope.account}:trail/${nameOrArn}`

const trail =
  (key: string) =>
  (input: ActionInput, scope: ActionScope): string[] => {
    const name = text(input, key)
    return name ? [trailArn(name, scope)] : ['*']
  }

const eventDataStore = (input: ActionInput, scope: ActionScope): string[] => {
  const id = text(input, 'EventDataStore')
  if (!id) return ['*']
  return [
    id.startsWith('arn:') ? id : `arn:aws:cloudtrail:${scope.region}:${scope.account}:eventdatastore/${id}`,
  ]
}

const tagged = (input: ActionInput, scope: ActionScope): string[] => {
  const ids = [
    ...(text(input, 'ResourceId') ? [text(input, 'ResourceId') ?? ''] : []),
    ...texts(input, 'ResourceIdList'),
  ]
  return ids.length > 0 ? ids.map((id) => trailArn(id, scope)) : ['*']
}

const onTrail = (action: string, key = 'Name') => ({ action: `cloudtrail:${action}`, resources: trail(key) })
const onStore = (action: string) => ({ action: `cloudtrail:${action}`, resources: eventDataStore })

export const cloudTrailActions: ActionTable = {
  CreateTrail: { ...onTrail('CreateTrail'), context: (input) => requestTags(input.TagsList) },
  UpdateTrail: onTrail('UpdateTrail'),
  DeleteTrail: onTrail('DeleteTrail'),
  DescribeTrails: { action: 'cloudtrail:DescribeTrails' },
  GetTrail: onTrail('GetTrail'),
  GetTrailStatus: onTrail('GetTrailStatus'),
  StartLogging: onTrail('StartLogging'),
  StopLogging: onTrail('StopLogging'),
  GetEventSelectors: onTrail('GetEventSelectors', 'TrailName'),
  PutEventSelectors: onTrail('PutEventSelectors', 'TrailName'),
  ListTrails: { action: 'cloudtrail:ListTrails' },
  AddTags: {
    action: 'cloudtrail:AddTags',
    resources: tagged,
    context: (input) => requestTags(input.TagsList),
  },
  RemoveTags: { action: 'cloudtrail:RemoveTags', resources: tagged },
  ListTags: { action: 'cloudtrail:ListTags', resources: tagged },
  CreateEventDataStore: {
    action: 'cloudtrail:CreateEventDataStore',
    context: (input) => requestTags(input.TagsList),
  },
  GetEventDataStore: onStore('GetEventDataStore'),
  UpdateEventDataStore: onStore('UpdateEventDataStore'),
  DeleteEventDataStore: onStore('DeleteEventDataStore'),
  ListEventDataStores: { action: 'cloudtrail:ListEventDataStores' },
  RegisterOrganizationDelegatedAdmin: { action: 'cloudtrail:RegisterOrganizationDelegatedAdmin' },
  DeregisterOrganizationDelegatedAdmin: { action: 'cloudtrail:DeregisterOrganizationDelegatedAdmin' },
}
