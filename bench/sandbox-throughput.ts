// Sandbox throughput and scale, printed for the README and the report:
// - requests/second with latency off (target ≥ 2,000 req/s), measured two ways: through the real SDK
//   clients (whose own signing and parsing, in the same process, dominate the cost), and with a raw HTTP
//   client replaying a signed-shape request (the sandbox's own capacity);
// - the time and memory to seed 5,000 accounts × 17 regions (targets < 5 s, < 300 MB).
// Run: npx tsx bench/sandbox-throughput.ts   (add `node --expose-gc --import tsx` for exact heap figures)
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { Agent, request } from 'node:http'
import { fileURLToPath } from 'node:url'
import {
  DescribeAccountCommand,
  ListAccountsCommand,
  OrganizationsClient,
} from '@aws-sdk/client-organizations'
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts'
import { type Sandbox, startSandbox } from '../src/sandbox/index.ts'
import { DEFAULT_REGIONS } from '../src/sandbox/state.ts'

// The SDK's Node 22 notice would interleave with the figures.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const CONCURRENCY = 32

async function drive(total: number, call: (i: number) => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 300; i++) await call(i)
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < total) await call(next++)
    }),
  )
  return total / ((performance.now() - started) / 1000)
}

type Target = Pick<Sandbox, 'endpoint' | 'credentials'>

async function throughSdk(sandbox: Target): Promise<number> {
  const config = { endpoint: sandbox.endpoint, region: 'us-east-1', credentials: sandbox.credentials }
  const org = new OrganizationsClient(config)
  const sts = new STSClient(config)
  const calls = [
    () => org.send(new DescribeAccountCommand({ AccountId: '555555555555' })),
    () => org.send(new ListAccountsCommand({})),
    () => sts.send(new GetCallerIdentityCommand({})),
  ]
  return drive(6000, (i) => calls[i % calls.length]?.() ?? Promise.resolve())
}

async function rawHttp(sandbox: Sandbox): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY })
  const url = new URL(sandbox.endpoint)
  const authorization = `AWS4-HMAC-SHA256 Credential=${sandbox.credentials.accessKeyId}/20260101/us-east-1/organizations/aws4_request, SignedHeaders=host, Signature=0`
  const headers = {
    authorization,
    'x-amz-target': 'AWSOrganizationsV20161128.DescribeAccount',
    'content-type': 'application/x-amz-json-1.1',
  }
  const one = () =>
    new Promise<void>((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method: 'POST', path: '/', agent, headers },
        (res) => {
          res.resume()
          res.on('end', resolve)
        },
      )
      req.on('error', reject)
      req.end('{"AccountId":"555555555555"}')
    })
  const rate = await drive(20_000, one)
  agent.destroy()
  return rate
}

/** The SDK clients in their own process, as any real client of `sandbox serve` is: one core each. */
async function throughSdkElsewhere(sandbox: Sandbox): Promise<number> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--client', sandbox.endpoint],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        AWS_ACCESS_KEY_ID: sandbox.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: sandbox.credentials.secretAccessKey,
        AWS_SESSION_TOKEN: sandbox.credentials.sessionToken ?? '',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      },
    },
  )
  let out = ''
  child.stdout?.on('data', (chunk) => {
    out += String(chunk)
  })
  await once(child, 'exit')
  return Number(out.trim())
}

async function throughput(): Promise<void> {
  const sandbox = await startSandbox()
  const elsewhere = await throughSdkElsewhere(sandbox)
  const sdk = await throughSdk(sandbox)
  const raw = await rawHttp(sandbox)
  console.log(`throughput (latency off, ${CONCURRENCY} requests in flight):`)
  console.log(
    `  AWS SDK clients in another process (DescribeAccount, ListAccounts, GetCallerIdentity): ${elsewhere.toFixed(0)} req/s`,
  )
  console.log(
    `  the same, clients in the sandbox's own process:                                        ${sdk.toFixed(0)} req/s`,
  )
  console.log(
    `  raw HTTP (DescribeAccount), client in the same process:                                ${raw.toFixed(0)} req/s`,
  )
  await sandbox.close()
}

async function scale(): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const started = performance.now()
  const sandbox = await startSandbox({ accounts: 5000, regions: [...DEFAULT_REGIONS] })
  const seconds = (performance.now() - started) / 1000
  gc?.()
  const { heapUsed, rss } = process.memoryUsage()
  console.log('scale: startSandbox({ accounts: 5000, regions: the 17 default regions })')
  console.log(
    `  seeded ${sandbox.world.accounts.size} accounts, ${sandbox.world.ous.size} OUs in ${seconds.toFixed(2)} s`,
  )
  console.log(
    `  organization heap ${((heapUsed - heapBefore) / 1e6).toFixed(1)} MB; process heap ${(heapUsed / 1e6).toFixed(1)} MB, rss ${(rss / 1e6).toFixed(0)} MB${gc ? '' : ' (without --expose-gc: approximate)'}`,
  )
  await sandbox.close()
}

if (process.argv[2] === '--client') {
  const endpoint = process.argv[3] ?? ''
  const credentials = {
    accessKeyId: process.env.AWS_ACCESS_KEY_ID ?? '',
    secretAccessKey: process.env.AWS_SECRET_ACCESS_KEY ?? '',
    sessionToken: process.env.AWS_SESSION_TOKEN ?? '',
  }
  console.log((await throughSdk({ endpoint, credentials })).toFixed(0))
} else {
  await throughput()
  await scale()
}
