// After SIGINT / SIGTERM no new write may start (issue 13): the client factory refuses every call that
// is not a read with this error, so a change already under way stops at its next write instead of going on.
import { OrgBaselineError } from '../errors.ts'

/** AWS's read-only operation prefixes; everything else may change something. */
export const isRead = (operation: string) =>
  /^(Describe|List|Get|Search|BatchGet|Lookup|Select)/.test(operation)

export class WritesStoppedError extends OrgBaselineError {
  constructor(call: string, reason: string) {
    super('WritesStopped', `${call} not sent: ${reason}`)
    this.name = 'WritesStoppedError'
  }
}
