// `validate`: everything about the config that needs no AWS — schema, names of regions, SCP files and
// limits, template files. Makes no network call.
import { loadConfig } from '../config/load.ts'
import type { Io } from './io.ts'
import { CONFIG_OPTION, OUTPUT_OPTIONS, parseCommandArgs } from './options.ts'

export const VALIDATE_HELP = `Usage: org-baseline validate [-c config/org.yaml]

Checks the config offline: schema (unknown keys are errors), region names, SCP files (JSON policies,
5,120 characters minified, at most 5 per target with FullAWSAccess), template files, e-mail addresses.
Exit 0 when valid, 1 with every problem listed as file:line:col otherwise.

  -c, --config FILE     the org config (default config/org.yaml)
  -h, --help            this help`

export const DEFAULT_CONFIG = 'config/org.yaml'

export async function validateCommand(argv: string[], io: Io): Promise<number> {
  const { values } = parseCommandArgs('validate', argv, { ...CONFIG_OPTION, ...OUTPUT_OPTIONS })
  if (values.help) {
    io.stdout.write(`${VALIDATE_HELP}\n`)
    return 0
  }
  const file = (values.config as string | undefined) ?? DEFAULT_CONFIG
  const baseline = await loadConfig(file)
  io.stdout.write(`${baseline.file}: valid (${baseline.scps.length} SCPs)\n`)
  return 0
}
