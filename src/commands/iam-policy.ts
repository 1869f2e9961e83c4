// `iam-policy`: prints the least-privilege IAM policy for the tool's role (management account), or with
// `--role member` for the role it assumes in member accounts, for the modules the config enables.
import { loadConfig } from '../config/load.ts'
import type { Desired } from '../engine/desired.ts'
import { buildPolicy, type RoleKind, toolActions } from '../iam/tool-policy.ts'
import { MODULES } from '../modules/index.ts'
import type { Io } from './io.ts'
import { CONFIG_OPTION, OUTPUT_OPTIONS, oneOf, parseCommandArgs } from './options.ts'
import { DEFAULT_CONFIG } from './validate.ts'

export const IAM_POLICY_HELP = `Usage: org-baseline iam-policy [-c config/org.yaml] [--role tool|member]

Prints the least-privilege IAM policy (JSON) for the modules the config enables. Offline.
  --role tool     the role org-baseline runs as in the management account (default)
  --role member   the role it assumes in member accounts (access.memberRoleName); org-baseline needs only
                  these actions there, though OrganizationAccountAccessRole usually grants more

  -c, --config FILE     the org config (default config/org.yaml)
  -h, --help            this help`

export async function iamPolicyCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('iam-policy', argv, {
    ...CONFIG_OPTION,
    ...OUTPUT_OPTIONS,
    role: { type: 'string' },
  })
  if (values.help) {
    io.stdout.write(`${IAM_POLICY_HELP}\n`)
    return 0
  }
  const role: RoleKind = oneOf('role', values.role as string | undefined, ['tool', 'member'] as const, 'tool')
  const baseline = await loadConfig((values.config as string | undefined) ?? DEFAULT_CONFIG)
  // Which modules run depends on the config alone, not on AWS: enough of Desired to ask them.
  const desired = { config: baseline.config, scps: baseline.scps, baseline } as unknown as Desired
  const { access, cloudTrail } = baseline.config
  const policy = buildPolicy(toolActions(MODULES, desired, role), access.memberRoleName, role, {
    names: { toolRoleName: access.toolRoleName, trailName: cloudTrail.name },
  })
  io.stdout.write(`${JSON.stringify(policy, null, 2)}\n`)
  return 0
}
