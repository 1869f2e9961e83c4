// GuardDuty features AWS does not offer in a region are not requested there: RDS Protection in ap-east-2
// (GuardDuty user guide, Regions and endpoints). The sandbox refuses enabling it there as AWS does, so a tool
// that sent it would fail; the plan says why it is left out.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { CreateDetectorCommand, GuardDutyClient } from '@aws-sdk/client-guardduty'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_SEED_FILE } from '../../src/sandbox/index.ts'
import { readSeedFile } from '../../src/sandbox/seed.ts'
import { management } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('regional feature availability')
const TAIPEI = 'ap-east-2'

/** Walks the seed's OU tree to the account with this id. */
function findAccount(node: unknown, id: string): Record<string, unknown> | undefined {
  if (!node || typeof node !== 'object') return undefined
  const record = node as Record<string, unknown>
  if (record.id === id) return record
  for (const value of Object.values(record)) {
    const found = Array.isArray(value)
      ? value.map((v) => findAccount(v, id)).find(Boolean)
      : findAccount(value, id)
    if (found) return found
  }
  return undefined
}

/** The default seed with ap-east-2 enabled in the management and security tooling accounts. */
function seedWithTaipei() {
  const seed = readSeedFile(DEFAULT_SEED_FILE)
  const org = seed.organization as { managementAccount: { optInRegions?: string[] } }
  org.managementAccount.optInRegions = [TAIPEI]
  const tooling = findAccount(seed.organization, '222222222222')
  assert.ok(tooling, 'the default seed has the security tooling account')
  tooling.optInRegions = [TAIPEI]
  return seed
}

async function configTargeting(regions: string): Promise<string> {
  const text = (await readFile(EXAMPLE, 'utf8'))
    .replace(/^ {2}targets: enabled$/m, `  targets: ${regions}`)
    .replace(/^ {2}optIn: \[ap-southeast-4\]$/m, `  optIn: [${TAIPEI}]`)
  assert.ok(text.includes('RDS_LOGIN_EVENTS'), 'the example config turns RDS Protection on')
  const file = join(await mkdtemp(join(tmpdir(), 'org-baseline-')), 'org.yaml')
  await writeFile(file, text)
  return file
}

test('the sandbox refuses RDS Protection in ap-east-2, as AWS does not offer it there', async () => {
  await withSandbox({ seed: seedWithTaipei() }, async (sandbox) => {
    const client = new GuardDutyClient(management(sandbox, TAIPEI))
    const error = await client
      .send(
        new CreateDetectorCommand({
          Enable: true,
          Features: [{ Name: 'RDS_LOGIN_EVENTS', Status: 'ENABLED' }],
        }),
      )
      .catch((e: Error) => e)
    assert.is((error as Error).name, 'BadRequestException')
    assert.match((error as Error).message, 'RDS_LOGIN_EVENTS is not supported in ap-east-2')
  })
})

test('RDS Protection is left out in ap-east-2 and the plan says so; apply converges', async () => {
  await withSandbox({ seed: seedWithTaipei() }, async (sandbox) => {
    const config = await configTargeting(`[us-east-1, ${TAIPEI}]`)
    const plan = await cli(['plan', '-c', config], sandbox)
    assert.match(plan.stdout, `GuardDuty does not offer RDS_LOGIN_EVENTS in ${TAIPEI}`)
    const applied = await cli(['apply', '-c', config, '--yes', '--only', 'trusted-access,guardduty'], sandbox)
    assert.is(applied.code, 0, applied.stdout.slice(-2500) + applied.stderr)
    const again = await cli(['plan', '-c', config], sandbox)
    assert.not.match(again.stdout, /guardduty\./, 'GuardDuty converged in both regions')
  })
})

test.run()
