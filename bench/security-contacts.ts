// What security contacts cost in a no-op plan (issue 15): AWS has no organization-wide read, so every
// account is one GetAlternateContact from the management account, concurrent within --concurrency and
// paced at the Account API's published 10 per second. Printed, never asserted; the sandbox runs at speed
// 1000 and never throttles here, so the wall time is the tool's pacing, i.e. the time at AWS's rate limit.
//   npx tsx bench/security-contacts.ts [accounts=1000,5000] [concurrency=8]
import { EnableAWSServiceAccessCommand } from '@aws-sdk/client-organizations'
import { AwsClients } from '../src/aws/clients.ts'
import { loadConfig } from '../src/config/load.ts'
import { resolveDesired } from '../src/engine/desired.ts'
import { createLogger } from '../src/log.ts'
import { needsEnabledRegions, observeOrganization } from '../src/modules/organization/observe.ts'
import { contactAccounts, securityContacts } from '../src/modules/security-contacts/index.ts'
import { startSandbox } from '../src/sandbox/index.ts'

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true'

const sizes = (process.argv[2] ?? '1000,5000').split(',').map(Number)
const concurrency = Number(process.argv[3] ?? 8)
const CONFIG = 'config/org.example.yaml'

for (const accounts of sizes) {
  const sandbox = await startSandbox({ accounts })
  try {
    const log = createLogger('silent')
    const aws = new AwsClients({
      region: 'us-east-1',
      endpointUrl: sandbox.endpoint,
      credentials: async () => sandbox.credentials,
      memberRoleName: 'org-baseline-member',
      concurrency,
      log,
    })
    const baseline = await loadConfig(CONFIG)
    const org = await observeOrganization(aws, { enabledRegions: needsEnabledRegions(baseline.config) })
    const desired = resolveDesired(baseline, org)
    await aws
      .organizations()
      .send(new EnableAWSServiceAccessCommand({ ServicePrincipal: 'account.amazonaws.com' }))
    const calls = aws.stats.total
    const started = performance.now()
    const observed = await securityContacts.observe({ aws, desired, log })
    const seconds = (performance.now() - started) / 1000
    const n = contactAccounts(desired).length
    console.log(
      `${String(accounts).padStart(5)} accounts: ${aws.stats.total - calls} calls (${observed.size} contacts read, ${n} in scope) in ${seconds.toFixed(1)} s at --concurrency ${concurrency}; ` +
        `AWS's floor at 10 GetAlternateContact/s: ${(n / 10).toFixed(0)} s; setting them all (5 PutAlternateContact/s): ${(n / 5).toFixed(0)} s more`,
    )
  } finally {
    await sandbox.close()
  }
}
