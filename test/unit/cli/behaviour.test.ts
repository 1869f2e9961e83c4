// The CLI behaves like the tools its users know (issue 14 item 7): -v, help <command>, completion,
// init, plan's exit codes, and a debug log of every AWS call without secrets.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { ListDetectorsCommand } from '@aws-sdk/client-guardduty'
import { DescribeAccountCommand, ListRootsCommand } from '@aws-sdk/client-organizations'
import { pino } from 'pino'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../../src/aws/clients.ts'
import { main } from '../../../src/cli.ts'
import type { Sandbox } from '../../../src/sandbox/index.ts'
import { cli, EXAMPLE, withSandbox } from '../../e2e/harness.ts'

const test = suite('cli behaviour')

async function direct(argv: string[], sandbox: Sandbox) {
  const out = new PassThrough()
  let stdout = ''
  out.on('data', (c) => {
    stdout += String(c)
  })
  const code = await main([...argv, '--endpoint-url', sandbox.endpoint, '--log-level', 'silent'], {
    stdout: out,
    stderr: new PassThrough(),
    stdin: new PassThrough(),
    credentials: async () => sandbox.credentials,
  })
  return { code, stdout }
}

test('-v and version print the version; help <command> is that command’s --help', async () => {
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version
  for (const flag of ['-v', '--version', 'version'])
    assert.is((await cli([flag])).stdout.trim(), version, flag)
  for (const command of ['plan', 'drift', 'onboard', 'init', 'completion']) {
    const help = await cli(['help', command])
    assert.is(help.code, 0, command)
    assert.is(help.stdout, (await cli([command, '--help'])).stdout, command)
  }
})

test('completion bash is valid bash naming every command and its flags; zsh names them too', async () => {
  const bash = await cli(['completion', 'bash'])
  assert.is(bash.code, 0)
  const syntax = spawnSync('bash', ['-n'], { input: bash.stdout })
  assert.is(syntax.status, 0, String(syntax.stderr))
  for (const word of [
    'init',
    'plan',
    'onboard',
    '--detailed-exitcode',
    '--profile',
    'complete -o default -F',
  ])
    assert.match(bash.stdout, word)
  const zsh = await cli(['completion', 'zsh'])
  assert.is(zsh.code, 0)
  assert.ok(zsh.stdout.startsWith('#compdef org-baseline'))
  assert.match(zsh.stdout, "'--detailed-exitcode[]'")
})

test('init writes a valid starter config with the accounts it finds, and keeps an existing file', async () => {
  await withSandbox({}, async (sandbox) => {
    const file = join(mkdtempSync(join(tmpdir(), 'org-baseline-init-')), 'config', 'org.yaml')
    const run = await cli(['init', '-o', file], sandbox)
    assert.is(run.code, 0, run.stderr)
    assert.match(run.stdout, 'organization o-sandbox0001, 10 accounts, 6 OUs')
    const text = readFileSync(file, 'utf8')
    assert.match(text, 'management: "111111111111"')
    assert.match(text, 'securityTooling: Security Tooling')
    assert.match(text, 'logArchive: Log Archive')
    assert.match(text, '#   Retail Prod — 555555555556 — Workloads/Prod')
    assert.match(text, 'ous: [ Suspended ]')
    assert.is((await cli(['validate', '-c', file])).code, 0)
    const plan = await cli(['plan', '-c', file], sandbox)
    assert.is(plan.code, 2, `the starter config plans against the organization it came from: ${plan.stderr}`)
    const again = await cli(['init', '-o', file], sandbox)
    assert.is(again.code, 1)
    assert.match(again.stderr, 'exists — keep it')
  })
})

test('plan and drift exit 0 with changes pending; 2 only with --detailed-exitcode (as Terraform)', async () => {
  await withSandbox({}, async (sandbox) => {
    assert.is((await direct(['plan', '-c', EXAMPLE], sandbox)).code, 0)
    assert.is((await direct(['plan', '-c', EXAMPLE, '--detailed-exitcode'], sandbox)).code, 2)
    assert.is((await direct(['drift', '-c', EXAMPLE, '--max-wait', '1h30m'], sandbox)).code, 0)
    assert.is((await direct(['drift', '-c', EXAMPLE, '--detailed-exitcode'], sandbox)).code, 2)
  })
})

test('--log-level debug logs every AWS call attempt (service, operation, region, account, attempt, duration, error) without secrets', async () => {
  await withSandbox({}, async (sandbox) => {
    const lines: Record<string, unknown>[] = []
    const sink = { write: (line: string) => lines.push(JSON.parse(line)) }
    const aws = new AwsClients({
      region: 'us-east-1',
      memberRoleName: 'OrganizationAccountAccessRole',
      endpointUrl: sandbox.endpoint,
      credentials: async () => sandbox.credentials,
      log: pino({ level: 'debug' }, sink),
    })
    await aws.preflight()
    await aws.organizations().send(new ListRootsCommand({}))
    await aws
      .guardduty('eu-west-1', '555555555555')
      .send(new ListDetectorsCommand({}))
      .catch(() => undefined)
    await aws
      .organizations()
      .send(new DescribeAccountCommand({ AccountId: '000000000000' }))
      .catch(() => undefined)
    const calls = lines.map((l) => l.aws as Record<string, unknown>)
    const ops = calls.map((c) => `${c.service}:${c.operation}:${c.region}:${c.account}`)
    for (const expected of [
      'sts:GetCallerIdentity:us-east-1:caller',
      'organizations:ListRoots:us-east-1:caller',
      'sts:AssumeRole:us-east-1:caller',
      'guardduty:ListDetectors:eu-west-1:555555555555',
      'organizations:DescribeAccount:us-east-1:caller',
    ])
      assert.ok(ops.includes(expected), `${expected} in ${ops.join(', ')}`)
    for (const call of calls) {
      assert.type(call.attempt, 'number')
      assert.type(call.durationMs, 'number')
    }
    assert.ok(
      calls.some((c) => c.operation === 'DescribeAccount' && c.error === 'AccountNotFoundException'),
      'a failed call logs its error',
    )
    const text = JSON.stringify(lines)
    const { secretAccessKey, sessionToken } = sandbox.credentials
    assert.not.ok(text.includes(secretAccessKey), 'no secret key')
    if (sessionToken) assert.not.ok(text.includes(sessionToken), 'no session token')
    assert.not.ok(/Signature=|X-Amz-Security-Token/i.test(text), 'no signature or token header')
  })
})

test.run()
