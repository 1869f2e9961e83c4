// Directories shipped with the package, found from this module's location so the tool works from any cwd.
import { fileURLToPath } from 'node:url'

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url))
export const BUILTIN_SCP_DIR = fileURLToPath(new URL('../../scps/', import.meta.url))
export const DEFAULT_TEMPLATE_DIR = fileURLToPath(new URL('../../stacksets/', import.meta.url))
/** Resource control policies shipped with the package (the opt-in data perimeter). */
export const BUILTIN_RCP_DIR = fileURLToPath(new URL('../../rcps/', import.meta.url))
/** Declarative policies shipped with the package (the EC2 baseline). */
export const BUILTIN_DECLARATIVE_DIR = fileURLToPath(new URL('../../declarative/', import.meta.url))
