// The root user's posture in every account: password, access keys, MFA, read with GetAccountSummary in each
// account (it only ever reports on the calling account). Findings say what to do; for the management
// account, whose root MFA no API can set, they say what a person must do.
import { GetAccountSummaryCommand } from '@aws-sdk/client-iam'
import type { AwsClients } from '../../aws/clients.ts'
import { mapLimit } from '../../engine/concurrency.ts'
import type { OrgAccount, OrgSnapshot } from '../organization/snapshot.ts'

export interface RootPosture {
  accountId: string
  name: string
  management: boolean
  status: 'audited' | 'suspended' | 'unreachable'
  mfa?: boolean
  password?: boolean
  accessKeys?: boolean
  findings: string[]
  error?: string
}

export function rootFindings(
  p: Pick<RootPosture, 'management' | 'mfa' | 'password' | 'accessKeys'>,
  centralized: boolean,
): string[] {
  const findings: string[] = []
  if (p.accessKeys) {
    findings.push(
      p.management
        ? 'root access keys exist: sign in as root and delete them (Security credentials → Access keys)'
        : 'root access keys exist: delete them with a root session (sts:AssumeRoot, IAMDeleteRootUserCredentials)',
    )
  }
  if (p.management) {
    if (!p.mfa) {
      findings.push(
        'root MFA is off, and no API can turn it on: a person must sign in as the root user and register an MFA device (Security credentials → Multi-factor authentication)',
      )
    }
  } else if (p.password && !p.mfa) {
    findings.push(
      centralized
        ? 'root password without MFA: delete the root credentials (sts:AssumeRoot, IAMDeleteRootUserCredentials) — centralized root access makes them unnecessary'
        : 'root password without MFA: enable centralized root access and delete the root credentials, or register an MFA device',
    )
  }
  return findings
}

export async function auditRoot(
  aws: AwsClients,
  org: OrgSnapshot,
  options: { concurrency: number; centralized: boolean; onAccount?: (p: RootPosture) => void },
): Promise<RootPosture[]> {
  const audit = async (account: OrgAccount): Promise<RootPosture> => {
    const management = account.id === org.managementAccountId
    const base = { accountId: account.id, name: account.name, management, findings: [] as string[] }
    if (account.status !== 'ACTIVE') return { ...base, status: 'suspended' }
    try {
      const { SummaryMap = {} } = await aws.iam(account.id).send(new GetAccountSummaryCommand({}))
      const facts = {
        management,
        mfa: SummaryMap.AccountMFAEnabled === 1,
        password: SummaryMap.AccountPasswordPresent === 1,
        accessKeys: SummaryMap.AccountAccessKeysPresent === 1,
      }
      return { ...base, status: 'audited', ...facts, findings: rootFindings(facts, options.centralized) }
    } catch (error) {
      return { ...base, status: 'unreachable', error: (error as Error).message }
    }
  }
  return mapLimit(org.accounts, options.concurrency, async (account) => {
    const posture = await audit(account)
    options.onAccount?.(posture)
    return posture
  })
}
