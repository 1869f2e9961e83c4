// Files shipped with the package, found from this module's location so the tool works from any cwd. The
// root is the nearest directory above that holds package.json: this file sits at src/config/ under tsx,
// but wherever the bundler put its chunk under dist/ in a build.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return `${dir}/`
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`)
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)))
/** A file or directory of the package, by its path from the package root ("config/sandbox.yaml"). */
export const packagePath = (path: string): string => `${PACKAGE_ROOT}${path}`
export const BUILTIN_SCP_DIR = packagePath('scps/')
export const DEFAULT_TEMPLATE_DIR = packagePath('stacksets/')
/** Resource control policies shipped with the package (the opt-in data perimeter). */
export const BUILTIN_RCP_DIR = packagePath('rcps/')
/** Declarative policies shipped with the package (the EC2 baseline). */
export const BUILTIN_DECLARATIVE_DIR = packagePath('declarative/')
