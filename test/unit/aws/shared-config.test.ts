// Every client of a run shares one resolution of the settings the SDK reads from the environment and the
// shared config files (aws/shared-config.ts). Shared, they must still say what each client would have read:
// the run's profile (--profile), else AWS_PROFILE / `default`, and the environment before the file.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { AwsClients } from '../../../src/aws/clients.ts'

interface ResolvedConfig {
  useFipsEndpoint: () => Promise<boolean>
  useDualstackEndpoint: () => Promise<boolean>
  userAgentAppId: () => Promise<string | undefined>
}
const configOf = (client: unknown) => (client as { config: ResolvedConfig }).config

const KEYS = ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_PROFILE', 'AWS_USE_FIPS_ENDPOINT']

/** Runs `body` with a config file of its own and these environment variables; restores the environment. */
async function withFiles(config: string, env: Record<string, string>, body: () => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'shared-config-'))
  const saved = Object.fromEntries(KEYS.map((key) => [key, process.env[key]]))
  try {
    writeFileSync(join(dir, 'config'), config)
    writeFileSync(join(dir, 'credentials'), '')
    for (const key of KEYS) delete process.env[key]
    Object.assign(process.env, {
      AWS_CONFIG_FILE: join(dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials'),
      ...env,
    })
    await body()
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key]
      else process.env[key] = value
    }
    rmSync(dir, { recursive: true, force: true })
  }
}

const clients = (profile?: string) =>
  new AwsClients({
    region: 'us-east-1',
    memberRoleName: 'org-baseline-member',
    ...(profile ? { profile } : {}),
    credentials: async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'example' }),
  })

const FILE = `[default]
region = us-east-1

[profile fips]
use_fips_endpoint = true
use_dualstack_endpoint = true
sdk_ua_app_id = platform-team
`

test('the run profile’s FIPS, dual-stack and app id reach every client (each client read `default` before)', async () => {
  await withFiles(FILE, {}, async () => {
    const aws = clients('fips')
    const guardduty = configOf(aws.guardduty('eu-west-1'))
    const cloudformation = configOf(aws.cloudformation('us-east-1', '222222222222'))
    assert.is(await guardduty.useFipsEndpoint(), true)
    assert.is(await guardduty.useDualstackEndpoint(), true)
    assert.is(await guardduty.userAgentAppId(), 'platform-team')
    assert.is(await cloudformation.useFipsEndpoint(), true)
  })
})

test('without --profile: AWS_PROFILE picks the profile, as for the SDK’s own clients', async () => {
  await withFiles(FILE, { AWS_PROFILE: 'fips' }, async () => {
    assert.is(await configOf(clients().organizations()).useFipsEndpoint(), true)
  })
  await withFiles(FILE, {}, async () => {
    const organizations = configOf(clients().organizations())
    assert.is(await organizations.useFipsEndpoint(), false, 'the default profile sets nothing')
    assert.is(await organizations.userAgentAppId(), undefined)
  })
})

test('the environment comes before the config file', async () => {
  await withFiles(FILE, { AWS_USE_FIPS_ENDPOINT: 'true' }, async () => {
    assert.is(await configOf(clients().sts()).useFipsEndpoint(), true)
  })
})

test.run()
