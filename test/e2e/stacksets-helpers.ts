// Helpers for the stacksets end-to-end tests: what a member account holds, drift detection through the
// planner (as the drift command runs it), and configs with a changed template directory or region list.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AwsClients } from '../../src/aws/clients.ts'
import { loadConfig } from '../../src/config/load.ts'
import { buildPlan } from '../../src/engine/planner.ts'
import { createLogger } from '../../src/log.ts'
import { stacksets } from '../../src/modules/stacksets/index.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { EXAMPLE } from './harness.ts'

export const MEMBER_ACCOUNTS = [
  '222222222222',
  '333333333333',
  '444444444444',
  '444444444445',
  '555555555555',
  '555555555556',
  '666666666666',
  '666666666667',
]

export function recorderIn(sandbox: Sandbox, account: string, region: string) {
  const view = sandbox.control('config', 'describe', { account, region }) as {
    recorder?: { name: string; recording: boolean; recordingGroup: { includeGlobalResourceTypes: boolean } }
    channel?: { s3BucketName?: string }
  }
  return view
}

export function clientsFor(sandbox: Sandbox): AwsClients {
  return new AwsClients({
    region: 'us-east-1',
    memberRoleName: 'OrganizationAccountAccessRole',
    endpointUrl: sandbox.endpoint,
    credentials: async () => sandbox.credentials,
  })
}

/** Runs StackSet drift detection and plans the stacksets module, as `drift` does. */
export async function planWithDriftDetection(sandbox: Sandbox, config = EXAMPLE) {
  const baseline = await loadConfig(config)
  const log = createLogger('silent')
  const { plan } = await buildPlan(baseline, clientsFor(sandbox), log, [stacksets], {
    detectDriftUntil: Date.now() + 120_000,
  })
  return plan
}

/** A copy of the example config in a temporary directory, with its own copy of the templates. */
export async function configCopy(edit: (text: string) => string = (t) => t) {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-stacksets-'))
  await cp('stacksets', join(dir, 'templates'), { recursive: true })
  const text = (await readFile(EXAMPLE, 'utf8')).replace(
    '  # templateDir: ../stacksets',
    '  templateDir: ./templates',
  )
  const file = join(dir, 'org.yaml')
  await writeFile(file, edit(text))
  return { dir, file }
}
