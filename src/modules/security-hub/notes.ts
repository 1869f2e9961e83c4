// What a reader of the plan must know about Security Hub that is not a change.

import { isOptInRegion } from '../../config/regions.ts'
import type { Note } from '../../engine/change.ts'
import type { Desired } from '../../engine/desired.ts'
import type { SecurityHubObserved } from './observed.ts'
import { SOURCE, splitOffered } from './regional-standards.ts'
import { MODULE } from './views.ts'

export function securityHubNotes(desired: Desired, observed: SecurityHubObserved): Note[] {
  const settings = desired.config.securityHub
  const notes: Note[] = []
  const note = (message: string, level: Note['level'] = 'info', region?: string) =>
    notes.push({ module: MODULE, level, message, ...(region ? { region } : {}) })
  if (settings.configuration === 'central') {
    note(
      `central configuration: the ${'org-baseline'} policy applies in ${settings.aggregationRegion} and every linked region (${settings.linkedRegions === 'all' ? 'all regions, including ones enabled later' : settings.linkedRegions.join(', ')}); AWS requires at least one linked region, and it cannot target a subset of them`,
    )
    const linked =
      settings.linkedRegions === 'all'
        ? (desired.org.enabledRegions ?? desired.regions)
        : settings.linkedRegions
    const optIn = linked.filter(isOptInRegion)
    if (settings.linkedRegions === 'all' || optIn.length > 0) {
      note(
        `opt-in regions${optIn.length ? ` (${optIn.join(', ')})` : ''} are covered in an account only once that account has enabled them`,
      )
    }
    const central = observed.regions[settings.aggregationRegion]?.orgConfig
    if (central?.configurationType === 'CENTRAL' && central.status === 'FAILED') {
      note(
        'AWS reports central configuration as FAILED: check Security Hub in the security tooling account',
        'warning',
        settings.aggregationRegion,
      )
    }
  } else {
    note(
      `local configuration: new member accounts are enabled per region by auto-enable${settings.standards.length ? " with AWS's default standards (FSBP, CIS 1.2.0), not the configured list" : ''}; existing members and the configured standards across accounts need central configuration`,
      'warning',
    )
  }
  for (const region of desired.regions) {
    const { notOffered } = splitOffered(settings.standards, region)
    if (notOffered.length === 0) continue
    note(
      `${notOffered.join(', ')} ${notOffered.length === 1 ? 'is' : 'are'} not offered by Security Hub in ${region} (${SOURCE}): not requested there`,
      'info',
      region,
    )
  }
  if (!desired.config.config.enabled) {
    note(
      'AWS Config is disabled in the config: Security Hub controls that read Config report failures',
      'warning',
    )
  }
  return notes
}
