// Which stack (set) parameter changes turn a protection off or narrower (issue 11, item 5), parameter by
// parameter. The direction that weakens, per parameter of the shipped templates:
//
// | Parameter (templates)                              | Weakens when                      | What is lost                          |
// |----------------------------------------------------|-----------------------------------|---------------------------------------|
// | DataEventsS3, DataEventsLambda (trails)            | true → false                      | data events no longer logged          |
// | LakeEnabled (organization-trail)                   | true → false                      | CloudTrail Lake store no longer fed   |
// | AthenaTable (organization-trail)                   | true → false                      | the Athena table over the logs        |
// | RetentionDays (log-archive)                        | number falls                      | logs expire sooner (older ones now)   |
// | RetentionMode (log-archive)                        | COMPLIANCE → GOVERNANCE           | locked logs deletable with a bypass   |
// | LakeRetentionDays (organization-trail)             | number falls                      | Lake events expire sooner             |
// | ProjectionRegions (organization-trail)             | a region leaves the list          | those regions' logs drop out of Athena|
// | Severities (findings-routing)                      | a severity leaves the list        | those findings are no longer sent     |
// | Recipient1..5 (root-sign-in-alert, findings-routing)| an address leaves the set         | that person is no longer told         |
// | TrailName (trails)                                 | any change                        | the trail is replaced (old one deleted)|
// | GlobalResourcesRegion (config-recorder)            | moves outside the deployed regions| global IAM types recorded nowhere     |
//
// Parameters that identify rather than protect (BucketName, OrganizationId, ManagementAccountId,
// TrailRegion, TrailMode, AthenaDatabaseName, ProjectionStartDate) never weaken: changing them moves or
// renames; the bucket itself is kept (DeletionPolicy Retain).
import type { Parameters } from './catalogue.ts'

type Rule = (before: string, after: string, regions: readonly string[]) => string | null

const list = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)

const turnedOff =
  (what: string): Rule =>
  (b, a) =>
    b === 'true' && a !== 'true' ? `turns ${what} off` : null

const shorter =
  (what: string): Rule =>
  (b, a) =>
    Number(a) < Number(b) ? `shortens ${what} from ${b} to ${a} days` : null

const shrinks =
  (what: string): Rule =>
  (b, a) => {
    const gone = list(b).filter((x) => !list(a).includes(x))
    return gone.length > 0 ? `${what} no longer include ${gone.join(', ')}` : null
  }

const RULES: Record<string, Rule> = {
  DataEventsS3: turnedOff('S3 data events'),
  DataEventsLambda: turnedOff('Lambda data events'),
  LakeEnabled: turnedOff('the CloudTrail Lake event data store'),
  AthenaTable: turnedOff('the Athena table'),
  RetentionDays: shorter('log retention'),
  RetentionMode: (b, a) =>
    b === 'COMPLIANCE' && a !== 'COMPLIANCE'
      ? `Object Lock ${a} mode lets holders of s3:BypassGovernanceRetention delete logs that COMPLIANCE kept`
      : null,
  LakeRetentionDays: shorter('CloudTrail Lake retention'),
  ProjectionRegions: shrinks('the Athena table regions'),
  Severities: shrinks('forwarded finding severities'),
  TrailName: (b, a) => (b !== a ? `replaces trail ${b} with ${a} (CloudFormation deletes ${b})` : null),
  GlobalResourcesRegion: (b, a, regions) =>
    b !== a && regions.length > 0 && !regions.includes(a)
      ? `global resource types were recorded in ${b}; ${a} is not a deployed region, so they are recorded nowhere`
      : null,
}

const RECIPIENT = /^Recipient\d+$/

/** What the parameter change weakens, in words; empty when nothing. `regions`: where the template runs. */
export function parameterWeakens(
  before: Parameters,
  after: Parameters,
  regions: readonly string[] = [],
): string[] {
  const found: string[] = []
  for (const [key, rule] of Object.entries(RULES)) {
    if (!(key in before) || before[key] === after[key]) continue
    const what = rule(before[key] ?? '', after[key] ?? '', regions)
    if (what) found.push(`${key}: ${what}`)
  }
  const recipients = (p: Parameters) =>
    Object.entries(p)
      .filter(([k, v]) => RECIPIENT.test(k) && v !== '')
      .map(([, v]) => v)
  const gone = recipients(before).filter((r) => !recipients(after).includes(r))
  if (gone.length > 0) found.push(`recipients: ${gone.join(', ')} no longer told`)
  return found
}
