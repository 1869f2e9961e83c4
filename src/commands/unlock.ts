// `unlock`: releases the organization's run lease left by a run that is gone (killed from another machine,
// a lost CI runner). Shows the holder and asks, since removing a live run's lease lets a second run write
// alongside it; --yes for scripts.
import { loadConfig } from '../config/load.ts'
import { currentLease, describeHolder, removeLease } from '../engine/run-lock.ts'
import { readRoot } from '../modules/organization/root.ts'
import { confirm } from './confirm.ts'
import type { Io } from './io.ts'
import { AWS_HELP, AWS_OPTIONS, CONFIG_OPTION, OUTPUT_OPTIONS, parseCommandArgs } from './options.ts'
import { withSession } from './session.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const UNLOCK_HELP = `Usage: org-baseline unlock [-c config/org.yaml] [--yes]

Shows which run holds the organization's run lease (apply and reconcile take it) and, once confirmed,
releases it. For a lease left by a run that no longer exists; a live run's lease renews itself, and
releasing it lets a second run write alongside the first. Exit 0 when no lease is left, 1 when cancelled
or on error.

  -c, --config FILE     the org config (default config/org.yaml)
  --yes                 do not ask for confirmation
${AWS_HELP}`

export async function unlockCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('unlock', argv, {
    ...CONFIG_OPTION,
    ...AWS_OPTIONS,
    ...OUTPUT_OPTIONS,
    yes: { type: 'boolean' },
  })
  if (values.help) {
    io.stdout.write(`${UNLOCK_HELP}\n`)
    return 0
  }
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  return withSession(values, io, baseline, async (session) => {
    const { Id: rootId } = await readRoot(session.aws.organizations())
    const holder = await currentLease(session.aws, rootId)
    if (!holder) {
      io.stdout.write('No run holds the organization: nothing to release.\n')
      return 0
    }
    const until = new Date(holder.expiresAt).toISOString()
    const expired = holder.expiresAt <= (io.clock?.now() ?? Date.now())
    io.stdout.write(
      `${describeHolder(holder)} holds the organization ${expired ? `(its lease ran out at ${until}: that run is gone)` : `until ${until} — if that run is still alive, releasing lets a second run write alongside it`}.\n`,
    )
    if (!(await confirm(io, 'Release it?', Boolean(values.yes), 'unlock'))) {
      io.stdout.write('Unlock cancelled; the lease stays.\n')
      return 1
    }
    // Only the lease that was shown: one renewed or taken over meanwhile belongs to a live run.
    const now = await currentLease(session.aws, rootId)
    if (now && (now.runId !== holder.runId || now.command !== holder.command)) {
      io.stdout.write(`The lease changed meanwhile (now ${describeHolder(now)}); it was left in place.\n`)
      return 1
    }
    if (now) await removeLease(session.aws, rootId)
    io.stdout.write('Released: the next apply or reconcile can take the organization.\n')
    return 0
  })
}
