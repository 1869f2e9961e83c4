// EC2 declarative policies and resource control policies end to end: the CLI against the default seed.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  DescribeEffectivePolicyCommand,
  DetachPolicyCommand,
  OrganizationsClient,
  UpdatePolicyCommand,
} from '@aws-sdk/client-organizations'
import { suite } from 'uvu'
import * as assert from 'uvu/assert'
import { retryConflicts } from '../../src/aws/retry-conflicts.ts'
import { management } from '../sandbox/helpers.ts'
import { changeLines, cli, EXAMPLE, withSandbox } from './harness.ts'

const test = suite('org-policies modules')
const MEMBER = '555555555555'

const ours = (stdout: string) =>
  changeLines(stdout).filter((l) => /^[+~-] (declarative-policies|rcps)\./.test(l))

// The example with the services these modules do not touch turned off, so each apply stays cheap.
const LEAN = ['cloudTrail', 'guardDuty', 'securityHub', 'config', 'findingsRouting']
const lean = (text: string) =>
  LEAN.reduce((t, key) => t.replace(`\n${key}:\n  enabled: true`, `\n${key}:\n  enabled: false`), text)

async function configWith(edit: (text: string) => string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-op-'))
  const file = join(dir, 'org.yaml')
  await writeFile(file, edit(lean(await readFile(EXAMPLE, 'utf8'))))
  return file
}
const rcpOn = (text: string) =>
  text.replace('resourceControlPolicies:\n  enabled: false', 'resourceControlPolicies:\n  enabled: true')
const ec2Off = (text: string) =>
  text.replace(
    'declarativePolicies:\n  ec2:\n    enabled: true',
    'declarativePolicies:\n  ec2:\n    enabled: false',
  )

const policyId = (
  sandbox: { world: { policies: Map<string, { id: string; name: string }> } },
  name: string,
) => [...sandbox.world.policies.values()].find((p) => p.name === name)?.id ?? ''

test('both on: apply converges and the next plan is empty; a detached declarative policy and an edited RCP are drift, repaired by reconcile; each turned off is destructive and undone with --allow-destroy', async () => {
  const both = await configWith(rcpOn)
  await withSandbox({}, async (sandbox) => {
    const first = await cli(['plan', '-c', both], sandbox)
    assert.equal(ours(first.stdout).sort(), [
      '+ declarative-policies.attachment[org-baseline-ec2-baseline→Root]',
      '+ declarative-policies.policy-type[DECLARATIVE_POLICY_EC2]',
      '+ declarative-policies.policy[org-baseline-ec2-baseline]',
      '+ rcps.attachment[org-baseline-data-perimeter→Root]',
      '+ rcps.policy-type[RESOURCE_CONTROL_POLICY]',
      '+ rcps.policy[org-baseline-data-perimeter]',
    ])
    assert.match(first.stdout, /reach the management account/)
    const applied = await cli(['apply', '-c', both, '--yes'], sandbox)
    assert.is(applied.code, 0, applied.stdout + applied.stderr)
    const second = await cli(['plan', '-c', both], sandbox)
    assert.is(second.code, 0, second.stdout)

    const org = new OrganizationsClient(management(sandbox))
    const effective = await org.send(
      new DescribeEffectivePolicyCommand({ PolicyType: 'DECLARATIVE_POLICY_EC2', TargetId: MEMBER }),
    )
    assert.is(
      JSON.parse(effective.EffectivePolicy?.PolicyContent ?? '{}').ec2_attributes.instance_metadata_defaults
        .http_tokens,
      'required',
    )

    // Drift: the baseline detached and the perimeter edited outside the tool.
    // Under the soak's faults mode this out-of-band write may meet a conflict, which the SDK does not retry.
    await retryConflicts(() =>
      org.send(
        new DetachPolicyCommand({
          PolicyId: policyId(sandbox, 'org-baseline-ec2-baseline'),
          TargetId: sandbox.world.rootId,
        }),
      ),
    )
    await retryConflicts(() =>
      org.send(
        new UpdatePolicyCommand({
          PolicyId: policyId(sandbox, 'org-baseline-data-perimeter'),
          Content: JSON.stringify({
            Version: '2012-10-17',
            Statement: [{ Effect: 'Deny', Principal: '*', Action: 's3:DeleteBucket', Resource: '*' }],
          }),
        }),
      ),
    )
    const drift = await cli(['drift', '-c', both], sandbox)
    assert.is(drift.code, 2, drift.stdout + drift.stderr)
    assert.match(drift.stdout, /declarative-policies\.attachment\[org-baseline-ec2-baseline→Root\]/)
    assert.match(drift.stdout, /rcps\.policy\[org-baseline-data-perimeter\]/)
    const reconciled = await cli(['reconcile', '-c', both], sandbox)
    assert.is(reconciled.code, 0, reconciled.stdout + reconciled.stderr)
    assert.is((await cli(['plan', '-c', both], sandbox)).code, 0)

    // Each turned off in turn: planned destructive, refused without --allow-destroy, undone with it.
    const ec2OffOnly = await configWith((t) => ec2Off(rcpOn(t)))
    const bothOff = await configWith(ec2Off)
    const steps: [string, string, string[]][] = [
      [
        ec2OffOnly,
        'org-baseline-ec2-baseline',
        [
          '- declarative-policies.attachment[org-baseline-ec2-baseline→Root]',
          '- declarative-policies.policy[org-baseline-ec2-baseline]',
        ],
      ],
      [
        bothOff,
        'org-baseline-data-perimeter',
        ['- rcps.attachment[org-baseline-data-perimeter→Root]', '- rcps.policy[org-baseline-data-perimeter]'],
      ],
    ]
    for (const [config, name, planned] of steps) {
      const plan = await cli(['plan', '-c', config], sandbox)
      assert.is(plan.code, 2)
      assert.equal(ours(plan.stdout), planned)
      assert.match(plan.stdout, /destructive|--allow-destroy/)
      const refused = await cli(['apply', '-c', config, '--yes'], sandbox)
      assert.is.not(refused.code, 0, `destructive without --allow-destroy is refused (${name})`)
      const undone = await cli(['apply', '-c', config, '--yes', '--allow-destroy'], sandbox)
      assert.is(undone.code, 0, undone.stdout + undone.stderr)
      assert.is(policyId(sandbox, name), '', `${name} deleted`)
      assert.is((await cli(['plan', '-c', config], sandbox)).code, 0)
    }
  })
})

test.run()
