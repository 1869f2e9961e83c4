// The N-account generator: realistic, deterministic, and fast enough for 5,000 accounts.
import { ListAccountsCommand, OrganizationsClient } from '@aws-sdk/client-organizations'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Clock } from '../../src/sandbox/clock.ts'
import { generateOrganization } from '../../src/sandbox/generate.ts'
import { startSandbox } from '../../src/sandbox/index.ts'
import { buildWorld } from '../../src/sandbox/seed.ts'
import { management } from './helpers.ts'

const build = (n: number, regions?: string[]) =>
  buildWorld({ organization: generateOrganization(n, regions ? { regions } : {}) }, new Clock(1000), {})

test('n accounts in total, the management account included, ids unique', () => {
  const world = build(500)
  assert.is(world.accounts.size, 500)
  assert.ok(world.accounts.has('111111111111'))
})

test('the same size and seed give the same organization', () => {
  assert.equal(generateOrganization(300), generateOrganization(300))
  assert.not.equal(generateOrganization(300, { seed: 1 }), generateOrganization(300, { seed: 2 }))
})

test('a realistic tree: Security, Infrastructure, Workloads by environment and business unit, Sandbox, Suspended', () => {
  const world = build(2000)
  const names = new Set([...world.ous.values()].map((ou) => ou.name))
  for (const name of [
    'Security',
    'Infrastructure',
    'Workloads',
    'Prod',
    'Staging',
    'Dev',
    'Sandbox',
    'Suspended',
  ]) {
    assert.ok(names.has(name), name)
  }
  const depth = Math.max(...[...world.ous.keys()].map((id) => world.ancestors(id).length))
  assert.is(depth, 3, 'Workloads/Prod/<business unit> under the root')
})

test('some accounts are suspended, some have opt-in regions from the given list, a few lack the access role', () => {
  const world = build(3000, ['us-east-1', 'eu-west-1', 'me-central-1'])
  const accounts = [...world.accounts.values()]
  const suspended = accounts.filter((a) => a.status === 'SUSPENDED').length
  assert.ok(suspended > 20 && suspended < 150, `${suspended} suspended`)
  const optIn = accounts.filter((a) => a.optInRegions.size > 0)
  assert.ok(optIn.length > 100)
  assert.ok(optIn.every((a) => [...a.optInRegions].every((r) => r === 'me-central-1')))
  assert.ok(accounts.some((a) => a.accessRoles.size === 0))
})

test('startSandbox({ accounts: 5000 }) serves the generated organization through the API', async () => {
  const sandbox = await startSandbox({ accounts: 5000 })
  try {
    assert.is(sandbox.world.accounts.size, 5000)
    const page = await new OrganizationsClient(management(sandbox)).send(new ListAccountsCommand({}))
    assert.is(page.Accounts?.length, 20)
    assert.ok(page.NextToken)
  } finally {
    await sandbox.close()
  }
})

test.run()
