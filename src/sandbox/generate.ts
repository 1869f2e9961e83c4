// A realistic organization of any size, deterministic for a given seed: security and infrastructure
// OUs, workloads split by environment and business unit, a sandbox OU, a few suspended accounts parked in
// their own OU, some accounts with opt-in regions, a few without the access role, varied root credentials.

import { prng } from './prng.ts'
import type { AccountSeed, OrganizationSeed, OuSeed } from './seed.ts'
import { OPT_IN_REGIONS } from './state.ts'

export interface GenerateOptions {
  /** Regions the organization works in; opt-in ones among them are enabled in some accounts. */
  regions?: string[]
  /** PRNG seed: the same seed and size give the same organization. */
  seed?: number
  /** Share of accounts that are suspended (default 2%). */
  suspendedShare?: number
  /** Share of accounts with opt-in regions enabled (default 10%). */
  optInShare?: number
}

const BUSINESS_UNITS = [
  'Payments',
  'Retail',
  'Data',
  'Identity',
  'Media',
  'Logistics',
  'Analytics',
  'Platform',
]

export const MANAGEMENT_ACCOUNT_ID = '111111111111'

/** `n` accounts in total, the management account included. */
export function generateOrganization(n: number, options: GenerateOptions = {}): OrganizationSeed {
  const random = prng(options.seed ?? 42)
  const suspendedShare = options.suspendedShare ?? 0.02
  const optInShare = options.optInShare ?? 0.1
  const optIn = (options.regions ?? []).filter((r) => (OPT_IN_REGIONS as readonly string[]).includes(r))
  const optInPool = optIn.length > 0 ? optIn : ['ap-southeast-4', 'me-central-1', 'af-south-1']
  const businessUnits = BUSINESS_UNITS.slice(
    0,
    Math.max(1, Math.min(BUSINESS_UNITS.length, Math.ceil(n / 400))),
  )

  let sequence = 0
  const account = (name: string, status: AccountSeed['status'] = 'ACTIVE'): AccountSeed => {
    sequence += 1
    const id = String(200_000_000_000 + sequence * 37)
    const roll = random()
    return {
      id,
      name,
      email: `aws+${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${sequence}@example.com`,
      status,
      optInRegions:
        random() < optInShare ? [optInPool[Math.floor(random() * optInPool.length)] ?? 'ap-southeast-4'] : [],
      // About one account in a hundred lost its access role (someone deleted it).
      ...(random() < 0.01 ? { accessRoles: [] } : {}),
      root: { mfa: roll < 0.7, password: roll < 0.9, accessKeys: roll > 0.99 },
    }
  }

  const security: OuSeed = {
    name: 'Security',
    accounts: [account('Security Tooling'), account('Log Archive')],
  }
  const infrastructure: OuSeed = { name: 'Infrastructure', accounts: [] }
  const sandbox: OuSeed = { name: 'Sandbox', accounts: [] }
  const suspended: OuSeed = { name: 'Suspended', accounts: [] }
  const environments = ['Prod', 'Staging', 'Dev'].map((env) => ({
    name: env,
    ous: businessUnits.map((bu) => ({ name: bu, accounts: [] as AccountSeed[] })),
  }))
  const workloads: OuSeed = { name: 'Workloads', ous: environments }

  const remaining = Math.max(0, n - 1 - 2)
  for (let i = 0; i < remaining; i++) {
    const roll = random()
    if (roll < suspendedShare) {
      suspended.accounts?.push(account(`closed-${i}`, 'SUSPENDED'))
    } else if (roll < suspendedShare + 0.05) {
      infrastructure.accounts?.push(account(`infra-${i}`))
    } else if (roll < suspendedShare + 0.12) {
      sandbox.accounts?.push(account(`sandbox-${i}`))
    } else {
      const env = environments[Math.floor(random() * environments.length)]
      const bu = env?.ous[Math.floor(random() * businessUnits.length)]
      bu?.accounts.push(account(`${bu.name.toLowerCase()}-${env?.name.toLowerCase()}-${i}`))
    }
  }

  return {
    id: 'o-generated01',
    rootId: 'r-gen1',
    managementAccount: {
      id: MANAGEMENT_ACCOUNT_ID,
      name: 'Management',
      email: 'aws+management@example.com',
      root: { mfa: true, password: true, accessKeys: false },
    },
    ous: [security, infrastructure, workloads, sandbox, suspended],
  }
}
