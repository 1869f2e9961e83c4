// Every failure a person meets at the command line, driven through the CLI as they would meet it: each
// must end in one message that says what happened and what to do — no class name, no stack trace — with
// exit 1, and read the same when the same cause recurs (issue 14, "Errors a person can act on").
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { createServer as createHttpServer } from 'node:http'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PassThrough } from 'node:stream'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { main } from '../../../src/cli.ts'
import type { Sandbox } from '../../../src/sandbox/index.ts'
import { startSandbox } from '../../../src/sandbox/index.ts'
import { EXAMPLE } from '../../e2e/harness.ts'

const test = suite('cli failures')

interface Env {
  sandbox: Sandbox
  closedPort: number
  stub: (code: string, status: number, message: string) => Promise<string>
  dir: string
}

interface Case {
  why: string
  argv: (env: Env) => string[] | Promise<string[]>
  /** Credentials handed to the run; default: none, so the standard chain (with a scrubbed environment). */
  credentials?: (env: Env) => { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  code: number
  says: (string | RegExp)[]
}

const FAKE = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-secret' }
const noCredentialsEnv = (dir: string) => ({
  AWS_ACCESS_KEY_ID: undefined,
  AWS_SECRET_ACCESS_KEY: undefined,
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_DEFAULT_PROFILE: undefined,
  AWS_WEB_IDENTITY_TOKEN_FILE: undefined,
  AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: undefined,
  AWS_CONTAINER_CREDENTIALS_FULL_URI: undefined,
  AWS_CONFIG_FILE: join(dir, 'config'),
  AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
  AWS_EC2_METADATA_DISABLED: 'true',
})

const CASES: Case[] = [
  {
    why: 'no credentials anywhere: the sources tried, and the three ways out',
    argv: (e) => ['plan', '-c', EXAMPLE, '--endpoint-url', `http://127.0.0.1:${e.closedPort}`],
    code: 1,
    says: [
      'no AWS credentials found',
      'environment variables',
      '~/.aws/config',
      'aws sso login --profile',
      '--profile NAME',
      '--sandbox',
    ],
  },
  {
    why: 'a profile that does not exist is named, with how to list and create one',
    argv: (e) => [
      'plan',
      '-c',
      EXAMPLE,
      '--profile',
      'nosuch',
      '--endpoint-url',
      `http://127.0.0.1:${e.closedPort}`,
    ],
    code: 1,
    says: ['AWS profile "nosuch" does not exist', 'aws configure list-profiles'],
  },
  {
    why: 'endpoint unreachable: the endpoint and the service named, after a bounded retry (was ECONNREFUSED)',
    argv: (e) => ['plan', '-c', EXAMPLE, '--endpoint-url', `http://127.0.0.1:${e.closedPort}`],
    credentials: () => FAKE,
    code: 1,
    says: [
      /cannot reach the sts endpoint http:\/\/127\.0\.0\.1:\d+ \(connection refused, 3 attempts\)/,
      '--endpoint-url',
    ],
  },
  {
    why: 'access denied: action, principal and the policy to check (iam-policy)',
    argv: (e) => ['plan', '-c', EXAMPLE, '--endpoint-url', e.sandbox.endpoint],
    credentials: (e) => {
      e.sandbox.control('iam', 'put-role', { account: '111111111111', name: 'no-rights', policies: {} })
      return e.sandbox.control('sts', 'issue-session', {
        roleArn: 'arn:aws:iam::111111111111:role/no-rights',
      }) as typeof FAKE
    },
    code: 1,
    says: [
      'access denied: arn:aws:sts::111111111111:assumed-role/no-rights/',
      'organizations:',
      'org-baseline iam-policy',
    ],
  },
  {
    why: 'an expired session says to renew it (AWS: ExpiredToken on query services)',
    argv: async (e) => [
      'plan',
      '-c',
      EXAMPLE,
      '--endpoint-url',
      await e.stub('ExpiredToken', 400, 'The security token included in the request is expired'),
    ],
    credentials: () => FAKE,
    code: 1,
    says: ['the session credentials have expired', 'aws sso login'],
  },
  {
    why: 'a service that fails through every retry names the call and says a rerun finishes (a 503 of STS)',
    argv: async (e) => [
      'plan',
      '-c',
      EXAMPLE,
      '--max-attempts',
      '2',
      '--endpoint-url',
      await e.stub('ServiceUnavailable', 503, 'Service is unavailable. Try again later.'),
    ],
    credentials: () => FAKE,
    code: 1,
    says: [
      'AWS answered sts:GetCallerIdentity (us-east-1) with ServiceUnavailable (HTTP 503) on all 2 attempts',
      'run again later',
      '--max-attempts',
    ],
  },
  {
    why: 'a region not enabled names the region and how to enable it (AWS: InvalidClientTokenId there)',
    argv: async (e) => [
      'plan',
      '-c',
      EXAMPLE,
      '--region',
      'ap-southeast-4',
      '--endpoint-url',
      await e.stub('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'),
    ],
    credentials: () => FAKE,
    code: 1,
    says: ['region ap-southeast-4 is not enabled', 'regions.optIn'],
  },
  {
    why: 'the wrong organization: the one the credentials reach, and the id the config expects',
    argv: (e) => {
      const config = join(e.dir, 'wrong-org.yaml')
      writeFileSync(config, readExample().replace('management: "111111111111"', 'management: "999999999999"'))
      return ['plan', '-c', config, '--endpoint-url', e.sandbox.endpoint]
    },
    credentials: (e) => e.sandbox.credentials as typeof FAKE,
    code: 1,
    says: ['whose management account is 111111111111, not 999999999999'],
  },
  {
    why: 'a port out of range (was RangeError)',
    argv: () => ['sandbox', 'serve', '--port', '99999'],
    code: 1,
    says: ['--port: a port is 0 to 65535'],
  },
  {
    why: 'a port in use (was a bare EADDRINUSE)',
    argv: async () => ['sandbox', 'serve', '--port', String(await busyPort())],
    code: 1,
    says: [/port \d+ on 127\.0\.0\.1 is already in use/, '--port 0'],
  },
  {
    why: 'a negative number (was "argument is ambiguous")',
    argv: () => ['plan', '-c', EXAMPLE, '--concurrency', '-5'],
    code: 1,
    says: ['--concurrency: expected a whole number ≥ 1, got "-5"'],
  },
  {
    why: 'a number that is not one',
    argv: () => ['plan', '-c', EXAMPLE, '--concurrency', 'lots'],
    code: 1,
    says: ['--concurrency: expected a whole number ≥ 1, got "lots"'],
  },
  {
    why: 'a region that does not exist (was accepted)',
    argv: () => ['plan', '-c', EXAMPLE, '--region', 'mars'],
    code: 1,
    says: ['--region: "mars" is not an AWS region'],
  },
  {
    why: 'a duration that is not one',
    argv: () => ['drift', '-c', EXAMPLE, '--max-wait', '1h30x'],
    code: 1,
    says: ['--max-wait: expected a duration such as 90s, 30m, 2h or 1h30m, got "1h30x"'],
  },
  {
    why: 'plan staging.yaml must not plan config/org.yaml',
    argv: () => ['plan', 'staging.yaml'],
    code: 1,
    says: ['plan: unexpected argument "staging.yaml"', '-c staging.yaml'],
  },
  {
    why: 'validate staging.yaml must not answer "valid" for another file',
    argv: () => ['validate', 'staging.yaml'],
    code: 1,
    says: ['validate: unexpected argument "staging.yaml"', '-c staging.yaml'],
  },
  {
    why: 'apply staging.yaml --yes must not apply config/org.yaml',
    argv: () => ['apply', 'staging.yaml', '--yes'],
    code: 1,
    says: ['apply: unexpected argument "staging.yaml"'],
  },
  {
    why: 'onboard takes one account, not two',
    argv: () => ['onboard', 'a', 'b'],
    code: 1,
    says: ['onboard: unexpected argument "b"', 'takes <account>'],
  },
  {
    why: 'an unknown flag',
    argv: () => ['drift', '--detailed'],
    code: 1,
    says: ["Unknown option '--detailed'", 'org-baseline drift --help'],
  },
  { why: 'an unknown command', argv: () => ['paln'], code: 1, says: ['unknown command "paln"'] },
  {
    why: 'help for an unknown command',
    argv: () => ['help', 'paln'],
    code: 1,
    says: ['unknown command "paln"'],
  },
  {
    why: 'a shell completion cannot write for',
    argv: () => ['completion', 'fish'],
    code: 1,
    says: ['completion bash, or completion zsh'],
  },
]

function readExample(): string {
  return readFileSync(EXAMPLE, 'utf8')
}

async function run(argv: string[], credentials?: Case['credentials'], env?: Env) {
  const out = new PassThrough()
  const err = new PassThrough()
  let stdout = ''
  let stderr = ''
  out.on('data', (c) => {
    stdout += String(c)
  })
  err.on('data', (c) => {
    stderr += String(c)
  })
  const given = credentials && env ? credentials(env) : undefined
  const code = await main(argv, {
    stdout: out,
    stderr: err,
    stdin: new PassThrough(),
    ...(given ? { credentials: async () => given } : {}),
  })
  return { code, stdout, stderr }
}

async function withEnv<T>(vars: Record<string, string | undefined>, body: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]))
  const set = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k]
      else process.env[k] = v
    }
  }
  set(vars)
  try {
    return await body()
  } finally {
    set(saved)
  }
}

const servers: Server[] = []
async function busyPort(): Promise<number> {
  const server = createServer()
  servers.push(server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return (server.address() as { port: number }).port
}

async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1')
  await once(server, 'listening')
  const { port } = server.address() as { port: number }
  server.close()
  await once(server, 'close')
  return port
}

/** An endpoint that answers every call with one AWS query-protocol error, as STS sends it. */
async function stub(code: string, status: number, message: string): Promise<string> {
  const server = createHttpServer((request, response) => {
    request.resume()
    request.on('end', () => {
      response.writeHead(status, { 'content-type': 'text/xml' })
      response.end(
        `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>00000000-0000-0000-0000-000000000000</RequestId></ErrorResponse>`,
      )
    })
  })
  servers.push(server as unknown as Server)
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`
}

test('every failure: an actionable message, no class name or stack, exit 1, the same on a second run', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'org-baseline-failures-'))
  const sandbox = await startSandbox({})
  const env: Env = { sandbox, closedPort: await closedPort(), stub, dir }
  try {
    await withEnv(noCredentialsEnv(dir), async () => {
      for (const c of CASES) {
        const argv = await c.argv(env)
        const first = await run(argv, c.credentials, env)
        assert.is(first.code, c.code, `${c.why}: exit code (stderr: ${first.stderr})`)
        for (const text of c.says) {
          if (typeof text === 'string')
            assert.ok(first.stderr.includes(text), `${c.why}: says "${text}" — got: ${first.stderr}`)
          else assert.match(first.stderr, text, `${c.why}: got: ${first.stderr}`)
        }
        assert.ok(first.stderr.startsWith('error: ') || first.stderr.includes(': '), c.why)
        assert.not.match(
          first.stderr,
          /\b[A-Z]\w*(Error|Exception)\b|\n\s+at /,
          `${c.why}: no class name or stack: ${first.stderr}`,
        )
        if (!/port \d+|\bbusy\b/.test(c.why)) {
          const second = await run(argv, c.credentials, env)
          assert.is(
            second.stderr.replace(/:\d{4,5}\b/g, ':PORT'),
            first.stderr.replace(/:\d{4,5}\b/g, ':PORT'),
            `${c.why}: stable`,
          )
        }
      }
    })
  } finally {
    for (const server of servers) server.close()
    await sandbox.close()
  }
})

test('a broken pipe ends quietly (plan --format json | head -c 100)', async () => {
  // The reader is gone before the CLI writes: every write meets EPIPE.
  const child = spawn(process.execPath, ['bin/org-baseline.js', '--help'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.destroy()
  let stderr = ''
  child.stderr.on('data', (c) => {
    stderr += String(c)
  })
  const [code] = await once(child, 'exit')
  assert.is(stderr, '', 'nothing on stderr')
  assert.is(code, 0)
})

test.run()
