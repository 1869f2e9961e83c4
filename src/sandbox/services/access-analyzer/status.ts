// An analyzer's status as GetAnalyzer / ListAnalyzers report it. An organization analyzer stops working
// when its account is no longer the management account or delegated administrator, or when trusted access
// is disabled: the model's ReasonCode names both (DELEGATED_ADMINISTRATOR_DEREGISTERED,
// AWS_SERVICE_ACCESS_DISABLED). Created analyzers are ACTIVE at once (AWS shows CREATING briefly; nothing
// here waits on it).
import type { World } from '../../state.ts'
import type { Analyzer } from './state.ts'

export const SERVICE_PRINCIPAL = 'access-analyzer.amazonaws.com'

export const isOrganizationType = (type: string) => type.startsWith('ORGANIZATION')

export function analyzerStatus(
  world: World,
  account: string,
  analyzer: Analyzer,
): { status: 'ACTIVE' | 'DISABLED'; reason?: string } {
  if (!isOrganizationType(analyzer.type)) return { status: 'ACTIVE' }
  if (!world.hasTrustedAccess(SERVICE_PRINCIPAL))
    return { status: 'DISABLED', reason: 'AWS_SERVICE_ACCESS_DISABLED' }
  if (account !== world.managementAccountId && !world.isDelegatedAdmin(account, SERVICE_PRINCIPAL))
    return { status: 'DISABLED', reason: 'DELEGATED_ADMINISTRATOR_DEREGISTERED' }
  return { status: 'ACTIVE' }
}
