// The seed checklist an auditor walks (root MFA, root alert, trails with retention, Security Hub
// aggregation and standards, GuardDuty and Config everywhere, who responds): each item's verdict comes
// from the same observe pass as the matrix, with the evidence that decided it.
import { stackAddress } from '../modules/stacksets/catalogue.ts'
import type { StatusInputs } from './observe.ts'
import type { ChecklistItem, ControlInfo, Counts, Status, Verdict } from './report.ts'

const NOT_APPLICABLE: Status[] = ['exempt', 'excluded', 'suspended']
const BAD: Status[] = ['missing', 'failed']

const n = (value: number) => value.toLocaleString('en-US')

/** A control's verdict from its counts: every applicable cell covered passes; any missing or failed fails. */
function fromCounts(counts: Counts, control: string, unit: string): { verdict: Verdict; evidence: string[] } {
  const tally = counts[control]
  if (!tally) return { verdict: 'fail', evidence: ['not part of the configured baseline'] }
  const applicable = Object.entries(tally)
    .filter(([s]) => !NOT_APPLICABLE.includes(s as Status))
    .reduce((sum, [, v]) => sum + (v ?? 0), 0)
  const covered = tally.covered ?? 0
  const rest = Object.entries(tally)
    .filter(([s, v]) => s !== 'covered' && (v ?? 0) > 0)
    .map(([s, v]) => `${n(v ?? 0)} ${s}`)
  const evidence = [
    `${n(covered)} of ${n(applicable)} ${unit} covered${rest.length ? ` (${rest.join(', ')})` : ''}`,
  ]
  const bad = BAD.some((s) => (tally[s] ?? 0) > 0)
  const verdict: Verdict = bad ? 'fail' : covered === applicable ? 'pass' : 'warn'
  return { verdict, evidence }
}

const worst = (...verdicts: Verdict[]): Verdict =>
  (['fail', 'unknown', 'warn', 'pass'] as Verdict[]).find((v) => verdicts.includes(v)) ?? 'pass'

export function buildChecklist(
  inputs: StatusInputs,
  counts: Counts,
  controls: ControlInfo[],
): ChecklistItem[] {
  const { desired } = inputs
  const c = desired.config
  const has = (id: string) => controls.some((x) => x.id === id)
  const items: ChecklistItem[] = []

  if (inputs.root) {
    const management = inputs.root.postures.find((p) => p.management)
    const findings = inputs.root.postures.filter((p) => p.findings.length > 0)
    const unreachable = inputs.root.postures.filter((p) => p.status === 'unreachable')
    items.push({
      id: 'root-mfa',
      title: 'Root users: MFA on the management account, no unprotected root credentials',
      verdict: findings.length > 0 ? 'fail' : unreachable.length > 0 ? 'unknown' : 'pass',
      evidence: [
        `management account root MFA: ${management?.mfa === undefined ? 'not read' : management.mfa ? 'on' : 'OFF'}`,
        `centralized root access: ${inputs.root.centralized ? 'on' : 'off'}`,
        `${n(findings.length)} account(s) with findings, ${n(unreachable.length)} not audited`,
        ...findings.slice(0, 5).map((p) => `${p.name} (${p.accountId}): ${p.findings[0]}`),
      ],
    })
  } else {
    items.push({
      id: 'root-mfa',
      title: 'Root users: MFA on the management account, no unprotected root credentials',
      verdict: 'unknown',
      evidence: ['not read: run status --root (one GetAccountSummary per account)'],
    })
  }

  const recipients = c.rootUser.signInAlert.recipients
  const alert = has('root-alert')
    ? fromCounts(counts, 'root-alert', 'account-regions')
    : { verdict: 'fail' as Verdict, evidence: ['no root alert stack set in the baseline'] }
  items.push({
    id: 'root-alert',
    title: 'Root activity alert rule in every account and region, and someone receives it',
    verdict: worst(alert.verdict, recipients.length > 0 ? 'pass' : 'fail'),
    evidence: [
      ...alert.evidence,
      recipients.length > 0
        ? `recipients: ${recipients.join(', ')}`
        : 'no recipients (rootUser.signInAlert.recipients)',
    ],
  })

  const retention = c.logArchive.retention
  const trail = has('trail')
    ? fromCounts(counts, 'trail', 'account-regions')
    : { verdict: 'fail' as Verdict, evidence: ['CloudTrail is off in the config'] }
  const logArchive =
    inputs.stacksets?.stacks[stackAddress('log-archive', desired.logArchive.id, c.homeRegion)]
  items.push({
    id: 'trails',
    title: 'CloudTrail in every region, logs kept under retention',
    verdict: worst(trail.verdict, logArchive ? 'pass' : 'fail'),
    evidence: [
      ...trail.evidence,
      inputs.trail
        ? `trail ${inputs.trail.name}: ${inputs.trail.logging ? 'logging' : 'NOT logging'}, ${inputs.trail.multiRegion ? 'every region' : 'one region'}, ${inputs.trail.organization ? 'organization trail' : 'account trail'}`
        : `trail ${c.cloudTrail.name}: not found`,
      `retention: S3 Object Lock ${retention.mode}, ${retention.days ? `${retention.days} days` : `${retention.years} year(s)`} (logArchive.retention)`,
      `log archive stack in ${desired.logArchive.name}: ${logArchive ? logArchive.status : 'not created'}`,
    ],
  })

  const hub = inputs.securityHub
  const wantedStandards = c.securityHub.standards
  const policyStandards = hub?.central?.policy?.standards ?? []
  const hubCounts = has('securityhub')
    ? fromCounts(counts, 'securityhub', 'account-regions')
    : { verdict: 'fail' as Verdict, evidence: ['Security Hub is off in the config'] }
  const standardCounts = has('securityhub-standards')
    ? fromCounts(counts, 'securityhub-standards', 'account-regions with the configured standards')
    : { verdict: 'fail' as Verdict, evidence: [] }
  const central = c.securityHub.configuration === 'central'
  items.push({
    id: 'securityhub',
    title: 'Security Hub aggregates every region and enables the standards',
    verdict: worst(
      hubCounts.verdict,
      standardCounts.verdict,
      hub?.aggregator ? 'pass' : 'fail',
      !central || hub?.central?.policy ? 'pass' : 'fail',
    ),
    evidence: [
      ...hubCounts.evidence,
      ...standardCounts.evidence,
      hub?.aggregator
        ? `aggregator in ${hub.aggregator.region}: ${hub.aggregator.mode}${hub.aggregator.regions.length ? ` (${hub.aggregator.regions.join(', ')})` : ''}`
        : 'no finding aggregator',
      central
        ? hub?.central?.policy
          ? `policy ${hub.central.policy.name}: ${policyStandards.length} standard(s) enabled`
          : 'no central configuration policy'
        : 'local configuration: membership from each region’s ListMembers; members’ standards not readable by the administrator',
      `standards asked for: ${wantedStandards.join(', ')}`,
    ],
  })

  const gd = has('guardduty')
    ? fromCounts(counts, 'guardduty', 'account-regions')
    : { verdict: 'fail' as Verdict, evidence: ['GuardDuty is off in the config'] }
  const home = inputs.guardDuty?.regions.find((r) => r.region === c.homeRegion)
  items.push({
    id: 'guardduty',
    title: 'GuardDuty in every account and region',
    verdict: gd.verdict,
    evidence: [
      ...gd.evidence,
      `administrator: ${desired.securityTooling.name} in ${n(inputs.guardDuty?.regions.filter((r) => r.admins.includes(desired.securityTooling.id)).length ?? 0)} of ${n(desired.regions.length)} regions`,
      home?.orgConfig
        ? `auto-enable ${home.orgConfig.autoEnable} in ${c.homeRegion}; features: ${
            Object.entries(home.orgConfig.features)
              .map(([f, m]) => `${f} ${m}`)
              .join(', ') || 'none'
          }`
        : `no organization configuration read in ${c.homeRegion}`,
    ],
  })

  const config = has('config')
    ? fromCounts(counts, 'config', 'account-regions')
    : { verdict: 'fail' as Verdict, evidence: ['AWS Config is off in the config'] }
  items.push({ id: 'config', title: 'AWS Config records in every account and region', ...config })

  const routing = c.findingsRouting
  const routed = inputs.findingsRouting
  const responders = [...new Set([...(routing.enabled ? routing.recipients : []), ...recipients])]
  items.push({
    id: 'responders',
    title: 'Who responds: findings and root alerts reach a person',
    verdict: responders.length === 0 ? 'fail' : routing.enabled && !routed ? 'warn' : 'pass',
    evidence: [
      routing.enabled
        ? `findings of severity ${routing.minimumSeverity}+ go to ${routing.recipients.join(', ') || 'nobody (findingsRouting.recipients is empty)'}; routing stack: ${routed?.status ?? 'not created'}`
        : 'findings routing is off',
      `root alerts go to ${recipients.join(', ') || 'nobody'}`,
    ],
  })
  return items
}
