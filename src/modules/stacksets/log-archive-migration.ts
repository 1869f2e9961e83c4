// Installs from before the log archive moved under Object Lock (issue 12): their log-archive stack still names
// the old bucket org-baseline-logs-<account>-<region>. Updating it creates the new buckets and key and moves
// the trails and Config to them; the old bucket leaves the template but stays, logs and all, because the old
// template gave it DeletionPolicy Retain (CloudFormation applies the policy of the resource being removed).
// The tool never empties or deletes it. The plan says so before anyone applies.
import type { Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import {
  accessLogBucketName,
  configBucketName,
  legacyLogBucketName,
  logBucketName,
  retentionInWords,
  stackAddress,
  stackName,
} from './catalogue.ts'
import type { ObservedStack } from './observed.ts'

export function logArchiveMigrationNotes(
  desired: Desired,
  stacks: Record<string, ObservedStack | null>,
): Note[] {
  const account = desired.logArchive.id
  const region = desired.config.homeRegion
  const stack = stacks[stackAddress('log-archive', account, region)]
  const legacy = legacyLogBucketName(desired)
  if (!stack || stack.parameters.BucketName !== legacy) return []
  return [
    {
      module: 'stacksets',
      level: 'warning',
      account,
      region,
      message:
        `migration of an existing log archive: stack ${stackName('log-archive')} still holds ${legacy}, made before Object Lock. ` +
        `Apply creates ${logBucketName(desired)} (Object Lock, ${retentionInWords(desired)}, SSE-KMS with alias/org-baseline-logs), ` +
        `${configBucketName(desired)} for AWS Config and ${accessLogBucketName(desired)} for access logs, and moves the trail and Config delivery to them. ` +
        `${legacy} is kept as it is with the logs already in it (its DeletionPolicy Retain keeps it when it leaves the template); the tool never empties or deletes it — ` +
        `its objects keep their old lifecycle (expiry of non-current versions), so copy what must be kept longer, or delete the bucket by hand once it is no longer needed.`,
    },
  ]
}
