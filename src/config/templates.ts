// Which CloudFormation templates the enabled features need, and whether a user-set directory has them.
import { stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { CheckIssue } from './checks.ts'
import type { OrgConfig } from './schema.ts'

export interface RequiredTemplate {
  file: string
  /** The setting that makes it required, for the error message. */
  because: string
}

export function requiredTemplates(config: OrgConfig): RequiredTemplate[] {
  // The member role the tool acts through in member accounts, unless it is the bootstrap role itself.
  const required: RequiredTemplate[] =
    config.access.memberRoleName === config.access.bootstrapRoleName
      ? []
      : [{ file: 'member-role.yaml', because: 'access.memberRoleName' }]
  const trail = config.cloudTrail.enabled
  if (trail || config.config.enabled) {
    required.push({ file: 'log-archive.yaml', because: trail ? 'cloudTrail.enabled' : 'config.enabled' })
  }
  if (trail && config.cloudTrail.mode === 'organization') {
    required.push({ file: 'organization-trail.yaml', because: 'cloudTrail.mode: organization' })
  }
  if (trail && config.cloudTrail.mode === 'account') {
    required.push({ file: 'account-trail.yaml', because: 'cloudTrail.mode: account' })
  }
  if (config.config.enabled) required.push({ file: 'config-recorder.yaml', because: 'config.enabled' })
  // The root sign-in alert has no switch: it is always part of the baseline.
  required.push({ file: 'root-sign-in-alert.yaml', because: 'the root sign-in alert' })
  if (config.findingsRouting.enabled) {
    required.push({ file: 'findings-routing.yaml', because: 'findingsRouting.enabled' })
  }
  return required
}

async function kind(path: string): Promise<'file' | 'directory' | 'missing'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file'
  } catch {
    return 'missing'
  }
}

/** Checks a user-set `stackSets.templateDir` (already resolved to an absolute path). */
export async function checkTemplateDir(config: OrgConfig, templateDir: string): Promise<CheckIssue[]> {
  const path = ['stackSets', 'templateDir']
  const shownAs = JSON.stringify(config.stackSets.templateDir)
  const dirKind = await kind(templateDir)
  if (dirKind !== 'directory') {
    const problem = dirKind === 'missing' ? 'not found' : 'is a file, not a directory'
    return [
      { path, message: `template directory ${shownAs} ${problem} (paths are relative to the config file)` },
    ]
  }
  const issues: CheckIssue[] = []
  for (const template of requiredTemplates(config)) {
    if ((await kind(join(templateDir, template.file))) !== 'file') {
      issues.push({
        path,
        message: `template "${template.file}" is missing from ${shownAs} (needed for ${template.because})`,
      })
    }
  }
  return issues
}
