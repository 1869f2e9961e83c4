// IAM Access Analyzer and security contacts end to end, in one sandbox and through `apply --only` (cheap:
// the whole baseline's convergence is plan-apply.test.ts's, their drift is reconcile.test.ts's): set up from
// the seed, converged, turned off → held back as destructive, then undone by apply --allow-destroy.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  AccessAnalyzerClient,
  GetAnalyzerCommand,
  ListAnalyzersCommand,
  ListArchiveRulesCommand,
} from '@aws-sdk/client-accessanalyzer'
import { AccountClient, GetAlternateContactCommand } from '@aws-sdk/client-account'
import { OrganizationsClient } from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { DEFAULT_REGIONS } from '../../src/config/regions.ts'
import type { Sandbox } from '../../src/sandbox/index.ts'
import { management, member } from '../sandbox/helpers.ts'
import { cli, EXAMPLE, withSandbox, writes } from './harness.ts'
import { delegatedAdminIds } from './org-reads.ts'

const test = suite('access-analyzer and security-contacts modules')

const SECURITY = '222222222222'
const WORKLOAD = '444444444444'
const EXTERNAL = 'org-baseline-external-access'
const UNUSED = 'org-baseline-unused-access'

const analyzersIn = async (sandbox: Sandbox, region: string) => {
  const client = new AccessAnalyzerClient(await member(sandbox, SECURITY, region))
  const { analyzers } = await client.send(new ListAnalyzersCommand({}))
  return (analyzers ?? []).map((a) => a.name).sort()
}

const securityContact = async (sandbox: Sandbox, account?: string) => {
  const client = new AccountClient(management(sandbox))
  try {
    const { AlternateContact } = await client.send(
      new GetAlternateContactCommand({ AlternateContactType: 'SECURITY', AccountId: account }),
    )
    return AlternateContact?.EmailAddress
  } catch (error) {
    if ((error as Error).name === 'ResourceNotFoundException') return undefined
    throw error
  }
}

async function configWith(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-aa-'))
  const file = join(dir, 'org.yaml')
  await writeFile(file, edit(await readFile(EXAMPLE, 'utf8')))
  return file
}

const ONLY = ['--only', 'trusted-access,delegated-admins,access-analyzer,security-contacts']

test('apply --only sets both up from the seed and converges; turned off they are held back, then undone by --allow-destroy', async () => {
  await withSandbox({}, async (sandbox) => {
    const applied = await cli(['apply', '-c', EXAMPLE, '--yes', ...ONLY], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    for (const region of DEFAULT_REGIONS)
      assert.equal(
        await analyzersIn(sandbox, region),
        region === 'us-east-1' ? [EXTERNAL, UNUSED] : [EXTERNAL],
        `analyzers in ${region}`,
      )
    const home = new AccessAnalyzerClient(await member(sandbox, SECURITY, 'us-east-1'))
    const { analyzer } = await home.send(new GetAnalyzerCommand({ analyzerName: UNUSED }))
    assert.equal(analyzer?.configuration, { unusedAccess: { unusedAccessAge: 90 } })
    const { archiveRules } = await home.send(new ListArchiveRulesCommand({ analyzerName: EXTERNAL }))
    assert.equal(
      archiveRules?.map((r) => r.ruleName),
      ['trusted-log-archive'],
    )
    assert.is(await securityContact(sandbox, WORKLOAD), 'security@example.com', 'a member, through AccountId')
    assert.is(await securityContact(sandbox), 'security@example.com', 'the management account, without it')
    sandbox.calls.clear()
    assert.is((await cli(['apply', '-c', EXAMPLE, '--yes', ...ONLY], sandbox)).code, 0)
    assert.equal(writes(sandbox), [], 'converged: nothing left to write')

    // Off: analyzers deleted and the administrator deregistered, contacts deleted — all destructive.
    const off = await configWith((text) =>
      text
        .replace('accessAnalyzer:\n  enabled: true', 'accessAnalyzer:\n  enabled: false')
        .replace('security:\n    enabled: true', 'security:\n    enabled: false'),
    )
    const held = await cli(['apply', '-c', off, '--yes', ...ONLY], sandbox)
    const heldBack = Number(held.stdout.match(/(\d+) held back/)?.[1])
    // 17 external analyzers, the unused-access one, the registration, and every account's contact.
    assert.ok(heldBack > DEFAULT_REGIONS.length + 2, held.stdout)
    assert.equal(
      await analyzersIn(sandbox, 'us-east-1'),
      [EXTERNAL, UNUSED],
      'nothing deleted without --allow-destroy',
    )
    const done = await cli(['apply', '-c', off, '--yes', '--allow-destroy', ...ONLY], sandbox)
    assert.is(done.code, 0, done.stdout + done.stderr)
    assert.equal(await analyzersIn(sandbox, 'us-east-1'), [])
    assert.is(await securityContact(sandbox, WORKLOAD), undefined)
    assert.is(await securityContact(sandbox), undefined)
    const org = new OrganizationsClient(management(sandbox))
    assert.equal(await delegatedAdminIds(org, 'access-analyzer.amazonaws.com'), [])
    sandbox.calls.clear()
    assert.is((await cli(['apply', '-c', off, '--yes', '--allow-destroy', ...ONLY], sandbox)).code, 0)
    assert.equal(writes(sandbox), [], 'off is converged too')
  })
})

test.run()
