// What Organizations holds for one policy type, as the org-policies modules plan against it.
import type { OtherScp, OwnedScp } from '../scp/observed.ts'
import type { WantedPolicy } from './kind.ts'

export interface OrgPolicyObserved {
  typeEnabled: boolean
  /** Ours (tag org-baseline:managed=true), with content hash and attachments. */
  owned: OwnedScp[]
  /** Everyone else's, as they stand (the RCP lockout guard judges them too). */
  others: OtherScp[]
  /** Target id → policies of the type attached now (the AWS-managed one included). */
  attachedCount: Map<string, number>
  /** What the config asks for (shipped documents read at observe time). */
  wanted: WantedPolicy[]
}
