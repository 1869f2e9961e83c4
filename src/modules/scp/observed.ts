// What Organizations holds for SCPs, as the scp module needs it: its own policies (tagged as managed by
// org-baseline) with content and attachments, the names of everyone else's, and how many SCPs each
// target the config names already carries.
import { createHash } from 'node:crypto'

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

export interface ScpObserved {
  typeEnabled: boolean
  owned: OwnedScp[]
  /** Names of SCPs org-baseline does not own (never modified, never deleted). */
  unowned: string[]
  /** Target id → number of SCPs attached now (FullAWSAccess included). */
  attachedCount: Map<string, number>
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export const policyAddress = (name: string) => `scp.policy[${name}]`
export const attachmentAddress = (name: string, label: string) => `scp.attachment[${name}→${label}]`
export const POLICY_TYPE_ADDRESS = `scp.policy-type[${SCP_TYPE}]`
