// The default seed (config/sandbox.yaml) is the quick start's organization: its promises are tested here.
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { Clock } from '../../src/sandbox/clock.ts'
import { DEFAULT_SEED_FILE } from '../../src/sandbox/index.ts'
import { buildWorld, readSeedFile, SeedError } from '../../src/sandbox/seed.ts'
import type { SimulatedService } from '../../src/sandbox/services/service.ts'

const world = buildWorld(readSeedFile(DEFAULT_SEED_FILE), new Clock(1000), {})
const ouByName = (name: string) => [...world.ous.values()].find((ou) => ou.name === name)

test('the management account is 111111111111, named Management, directly under the root', () => {
  const management = world.accounts.get('111111111111')
  assert.is(world.managementAccountId, '111111111111')
  assert.is(management?.name, 'Management')
  assert.is(management?.parentId, world.rootId)
})

test('about ten accounts sit in Security, Infrastructure, Workloads/Prod, Workloads/Dev and Suspended', () => {
  assert.is(world.accounts.size, 10)
  const security = world.accountsUnder(ouByName('Security')?.id ?? '', false).map((a) => a.name)
  assert.equal(security, ['Security Tooling', 'Log Archive'])
  assert.is(ouByName('Prod')?.parentId, ouByName('Workloads')?.id)
  assert.is(ouByName('Dev')?.parentId, ouByName('Workloads')?.id)
  const suspended = world.accountsUnder(ouByName('Suspended')?.id ?? '', false)
  assert.equal(
    suspended.map((a) => a.status),
    ['SUSPENDED'],
  )
})

test('exactly one account has ap-southeast-4 enabled, and exactly one lacks OrganizationAccountAccessRole', () => {
  const optedIn = [...world.accounts.values()].filter((a) => world.isRegionEnabled(a.id, 'ap-southeast-4'))
  assert.equal(
    optedIn.map((a) => a.id),
    ['555555555555'],
  )
  const members = [...world.accounts.values()].filter((a) => a.id !== world.managementAccountId)
  assert.is(members.filter((a) => !a.accessRoles.has('OrganizationAccountAccessRole')).length, 1)
})

test('root credentials vary: some with MFA, some without, one with root access keys', () => {
  const roots = [...world.accounts.values()].map((a) => a.root)
  assert.ok(roots.some((r) => r.mfa))
  assert.ok(roots.some((r) => !r.mfa))
  assert.is(roots.filter((r) => r.accessKeys).length, 1)
})

test('the hand-made legacy-deny-regions SCP is attached to Workloads and not tagged as managed', () => {
  const legacy = [...world.policies.values()].find((p) => p.name === 'legacy-deny-regions')
  assert.equal([...(legacy?.targets ?? [])], [ouByName('Workloads')?.id])
  assert.is(legacy?.tags.has('org-baseline:managed'), false)
  assert.ok(JSON.parse(legacy?.content ?? '').Statement)
})

test('no trusted access and no delegated admins yet; SCPs enabled with FullAWSAccess everywhere', () => {
  assert.is(world.trustedAccess.size, 0)
  assert.is(world.delegatedAdmins.size, 0)
  assert.ok(world.enabledPolicyTypes.has('SERVICE_CONTROL_POLICY'))
  const full = world.policies.get('p-FullAWSAccess')
  assert.is(full?.targets.size, 1 + world.ous.size + world.accounts.size)
})

test('other top-level sections go to the service whose seedKey names them', () => {
  const received: unknown[] = []
  const fake: SimulatedService = {
    spec: { signingName: 'fake', protocol: 'awsJson1_1', targetPrefix: 'Fake', operations: {} },
    seedKey: 'fake',
    seed: (_world, data) => received.push(data),
  }
  const seed = { ...readSeedFile(DEFAULT_SEED_FILE), fake: { detectors: 3 } }
  buildWorld(seed, new Clock(1), { fake })
  assert.equal(received, [{ detectors: 3 }])
})

test('a seed with a malformed account id names the field', () => {
  const seed = { organization: { managementAccount: { id: '1234', name: 'M' } } }
  assert.throws(
    () => buildWorld(seed, new Clock(1), {}),
    (e: unknown) => e instanceof SeedError && /managementAccount\.id/.test(e.message),
  )
})

test.run()
