// Every simulated service's action table, by SigV4 signing name (the server's routing key). A service added
// to services/index.ts needs its table here: test/sandbox/authz-actions.test.ts checks every operation has one.
import type { ActionEntry, ActionInput, ActionTable } from '../types.ts'
import { accessAnalyzerActions } from './accessanalyzer.ts'
import { accountActions } from './account.ts'
import { cloudFormationActions } from './cloudformation.ts'
import { cloudTrailActions } from './cloudtrail.ts'
import { configActions } from './config.ts'
import { eventsActions } from './events.ts'
import { guardDutyActions } from './guardduty.ts'
import { iamActions } from './iam.ts'
import { inspector2Actions } from './inspector2.ts'
import { organizationsActions } from './organizations.ts'
import { s3Actions, s3EntriesFor } from './s3.ts'
import { securityHubActions } from './securityhub.ts'
import { stsActions } from './sts.ts'

export const actionTables: Record<string, ActionTable> = {
  organizations: organizationsActions,
  sts: stsActions,
  iam: iamActions,
  account: accountActions,
  cloudformation: cloudFormationActions,
  guardduty: guardDutyActions,
  securityhub: securityHubActions,
  config: configActions,
  cloudtrail: cloudTrailActions,
  events: eventsActions,
  s3: s3Actions,
  inspector2: inspector2Actions,
  'access-analyzer': accessAnalyzerActions,
}

/** The action(s) an operation is authorized as; undefined when the table has no entry (a sandbox bug). */
export function actionsFor(signingName: string, operation: string): ActionEntry[] | undefined {
  const entry = actionTables[signingName]?.[operation]
  if (entry === undefined) return undefined
  return Array.isArray(entry) ? entry : [entry]
}

/** Services whose entries depend on the request (S3: a versionId, bypass and Object Lock headers). */
const BY_REQUEST: Record<string, (operation: string, input: ActionInput) => ActionEntry[] | undefined> = {
  s3: s3EntriesFor,
}

/** The action(s) one request is authorized as. */
export function actionsForRequest(
  signingName: string,
  operation: string,
  input: () => ActionInput,
): ActionEntry[] | undefined {
  const resolve = BY_REQUEST[signingName]
  return resolve ? resolve(operation, input()) : actionsFor(signingName, operation)
}
