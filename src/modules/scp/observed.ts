// What Organizations holds for SCPs, as the scp module needs it: its own policies (tagged as managed by
// org-baseline) with content and attachments, the names of everyone else's, and how many SCPs each
// target the config names already carries.
import { createHash } from 'node:crypto'
import type { TemplateName } from '../stacksets/catalogue.ts'

export const MANAGED_TAG = 'org-baseline:managed'
/** Hash of the content org-baseline last wrote: tells drift (AWS changed) from a config change. */
export const CONTENT_TAG = 'org-baseline:content-sha256'
export const SCP_TYPE = 'SERVICE_CONTROL_POLICY'

export interface OwnedScp {
  id: string
  name: string
  content: unknown
  contentHash: string | undefined
  /** Root, OU and account ids it is attached to. */
  targets: string[]
}

/** A customer SCP org-baseline does not own: the lockout guard judges it as it stands. */
export interface OtherScp {
  id: string
  name: string
  content: unknown
  targets: string[]
}

/** An SCP attached to a target, as ListPoliciesForTarget names it. */
export interface AttachedSummary {
  id: string
  name: string
  awsManaged: boolean
}

export interface ScpObserved {
  typeEnabled: boolean
  owned: OwnedScp[]
  /** Names of SCPs org-baseline does not own (never modified, never deleted). */
  unowned: string[]
  /** Content and attachments of the SCPs org-baseline does not own. */
  others: OtherScp[]
  /** Target id → number of SCPs attached now (FullAWSAccess included). */
  attachedCount: Map<string, number>
  /**
   * Target id → every SCP attached now, for each target the config names or a customer SCP is attached to.
   * A target not listed carries no customer SCP, so it carries FullAWSAccess (every entity keeps one SCP).
   */
  attached: Map<string, AttachedSummary[]>
  /** The baseline's templates, whose resources StackSets' execution role must be able to manage. */
  templates: Partial<Record<TemplateName, string>>
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export const policyAddress = (name: string) => `scp.policy[${name}]`
export const attachmentAddress = (name: string, label: string) => `scp.attachment[${name}→${label}]`
export const POLICY_TYPE_ADDRESS = `scp.policy-type[${SCP_TYPE}]`

/** The description org-baseline gives the SCPs it creates (a hint only: ownership is MANAGED_TAG). */
export const POLICY_DESCRIPTION = 'Managed by org-baseline; changes made here are reverted.'
