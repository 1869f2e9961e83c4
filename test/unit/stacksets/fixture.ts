// A resolved baseline for the stacksets tests: the example config against a small literal organization
// (the default sandbox's shape), so tests exercise the real resolution instead of a hand-made Desired.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { loadConfig } from '../../../src/config/load.ts'
import { type Desired, resolveDesired } from '../../../src/engine/desired.ts'
import type { OrgSnapshot } from '../../../src/modules/organization/snapshot.ts'

export const ORG: OrgSnapshot = {
  id: 'o-sandbox0001',
  featureSet: 'ALL',
  managementAccountId: '111111111111',
  rootId: 'r-sb01',
  enabledPolicyTypes: ['SERVICE_CONTROL_POLICY'],
  units: [
    { id: 'ou-sb01-security1', name: 'Security', parentId: 'r-sb01', path: 'Security' },
    { id: 'ou-sb01-workload1', name: 'Workloads', parentId: 'r-sb01', path: 'Workloads' },
    { id: 'ou-sb01-prod0001', name: 'Prod', parentId: 'ou-sb01-workload1', path: 'Workloads/Prod' },
    { id: 'ou-sb01-suspend1', name: 'Suspended', parentId: 'r-sb01', path: 'Suspended' },
  ],
  accounts: [
    {
      id: '111111111111',
      name: 'Management',
      email: 'm@example.com',
      status: 'ACTIVE',
      parentId: 'r-sb01',
      path: 'Root',
    },
    {
      id: '222222222222',
      name: 'Security Tooling',
      email: 's@example.com',
      status: 'ACTIVE',
      parentId: 'ou-sb01-security1',
      path: 'Security',
    },
    {
      id: '333333333333',
      name: 'Log Archive',
      email: 'l@example.com',
      status: 'ACTIVE',
      parentId: 'ou-sb01-security1',
      path: 'Security',
    },
    {
      id: '555555555555',
      name: 'Payments Prod',
      email: 'p@example.com',
      status: 'ACTIVE',
      parentId: 'ou-sb01-prod0001',
      path: 'Workloads/Prod',
    },
    {
      id: '777777777777',
      name: 'Old Experiment',
      email: 'o@example.com',
      status: 'SUSPENDED',
      parentId: 'ou-sb01-suspend1',
      path: 'Suspended',
    },
  ],
  enabledRegions: ['eu-west-1', 'us-east-1'],
}

/** The example config, edited as text, resolved against ORG. */
export async function desiredFrom(edit: (text: string) => string = (t) => t): Promise<Desired> {
  const dir = await mkdtemp(join(tmpdir(), 'org-baseline-desired-'))
  const text = (await readFile('config/org.example.yaml', 'utf8')).replace(
    '  # templateDir: ../stacksets',
    `  templateDir: ${resolve('stacksets')}`,
  )
  const file = join(dir, 'org.yaml')
  await writeFile(file, edit(text))
  return resolveDesired(await loadConfig(file), ORG)
}
