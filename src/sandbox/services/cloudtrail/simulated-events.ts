// CloudTrail events as EventBridge receives them, for tests and demos (control `cloudtrail/emitEvent`):
// a root console sign-in (successful or failed), a root API call, and an API call of a privileged root
// session started with sts:AssumeRoot. Each goes to the default bus of the account and region where it
// happens. Shapes follow the CloudTrail user guide ("CloudTrail record contents", "CloudTrail userIdentity
// element": type Root, `assumedRoot` "true" for an AssumeRoot session; "AWS console sign-in events":
// ConsoleLogin, responseElements.ConsoleLogin Success | Failure, eventType AwsConsoleSignIn) and the
// EventBridge user guide ("Events from AWS services delivered via AWS CloudTrail": source aws.<service>,
// detail-type "AWS API Call via CloudTrail" / "AWS Console Sign In via CloudTrail"). EventBridge gets only
// mutating (not read-only) management events by default, so these are all readOnly false.
import { randomUUID } from 'node:crypto'
import type { World } from '../../state.ts'
import { putEvent } from '../eventbridge/delivery.ts'

export const SIMULATED_EVENT_KINDS = [
  'root-sign-in',
  'root-sign-in-failure',
  'root-api-call',
  'assume-root-session',
] as const
export type SimulatedEventKind = (typeof SIMULATED_EVENT_KINDS)[number]

export interface SimulatedEventArgs {
  kind: SimulatedEventKind
  account: string
  region: string
  /** For API calls: the service's endpoint prefix and the operation, e.g. ec2 / RunInstances. */
  service?: string
  eventName?: string
  sourceIPAddress?: string
}

function rootIdentity(account: string, assumedRoot: boolean, creationDate: string) {
  return {
    type: 'Root',
    principalId: account,
    arn: `arn:aws:iam::${account}:root`,
    accountId: account,
    ...(assumedRoot && {
      accessKeyId: `ASIA${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`,
      sessionContext: { attributes: { creationDate, mfaAuthenticated: 'false' } },
      assumedRoot: 'true',
    }),
  }
}

export function simulatedCloudTrailEvent(world: World, args: SimulatedEventArgs) {
  const time = world.clock.date()
  const eventTime = time.toISOString().replace(/\.\d{3}Z$/, 'Z')
  const common = {
    eventVersion: '1.09',
    eventTime,
    awsRegion: args.region,
    sourceIPAddress: args.sourceIPAddress ?? '203.0.113.10',
    userAgent: 'Mozilla/5.0',
    eventID: randomUUID(),
    readOnly: false,
    managementEvent: true,
    recipientAccountId: args.account,
    eventCategory: 'Management',
  }
  const signIn = args.kind === 'root-sign-in' || args.kind === 'root-sign-in-failure'
  if (signIn) {
    const failed = args.kind === 'root-sign-in-failure'
    return {
      source: 'aws.signin',
      detailType: 'AWS Console Sign In via CloudTrail',
      detail: {
        ...common,
        userIdentity: rootIdentity(args.account, false, eventTime),
        eventSource: 'signin.amazonaws.com',
        eventName: 'ConsoleLogin',
        requestParameters: null,
        responseElements: { ConsoleLogin: failed ? 'Failure' : 'Success' },
        ...(failed && { errorMessage: 'Failed authentication' }),
        additionalEventData: { MFAUsed: 'No', LoginTo: 'https://console.aws.amazon.com/console/home' },
        eventType: 'AwsConsoleSignIn',
      },
      time,
    }
  }
  const service = args.service ?? 'ec2'
  const assumedRoot = args.kind === 'assume-root-session'
  return {
    source: `aws.${service}`,
    detailType: 'AWS API Call via CloudTrail',
    detail: {
      ...common,
      userIdentity: rootIdentity(args.account, assumedRoot, eventTime),
      eventSource: `${service}.amazonaws.com`,
      eventName: args.eventName ?? (assumedRoot ? 'DeleteBucketPolicy' : 'RunInstances'),
      requestParameters: {},
      responseElements: null,
      requestID: randomUUID(),
      eventType: 'AwsApiCall',
    },
    time,
  }
}

/** Puts the simulated event on the default bus where it happens; returns the invocations it caused. */
export function emitCloudTrailEvent(world: World, args: SimulatedEventArgs) {
  const { time, ...entry } = simulatedCloudTrailEvent(world, args)
  return putEvent(world, args.account, args.region, { ...entry, time })
}
