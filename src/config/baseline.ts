import type { SourcePosition } from './errors.ts'
import type { OrgConfig } from './schema.ts'
import type { ResolvedScp } from './scps.ts'
import type { ConfigPath } from './source-map.ts'

/** An SCP ready to send, with where the config asks for it. */
export interface BaselineScp extends ResolvedScp {
  position: SourcePosition
}

/** The validated config plus everything loading resolved, so later stages need not touch the file again. */
export interface Baseline {
  config: OrgConfig
  /** The config file as the user named it (used in messages). */
  file: string
  /** Absolute path of the config file. */
  configPath: string
  /** Absolute directory of the CloudFormation templates (the package's stacksets/ unless set). */
  templateDir: string
  /** Whether `templateDir` was set in the config (and therefore checked for the required files). */
  templateDirFromConfig: boolean
  scps: BaselineScp[]
  /**
   * Where a config path is written, or its nearest written ancestor when the value is a default.
   * Later stages use it to report e.g. an unknown OU name at `file:line:col`.
   */
  locate(path: ConfigPath): SourcePosition
}
