// Directories shipped with the package, found from this module's location so the tool works from any cwd.
import { fileURLToPath } from 'node:url'

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BUILTIN_SCP_DIR = fileURLToPath(new URL('../../scps/', import.meta.url))
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../stacksets/', import.meta.url))
