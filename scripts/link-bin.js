// Run by `prepare` in a clone (npm ci): links this package's own command into node_modules/.bin, which npm
// does only for dependencies — so `npx org-baseline` finds it at once, and the bare name works wherever
// node_modules/.bin is on PATH (npm scripts, direnv). A no-op where there is no node_modules (npm pack).
import { existsSync, mkdirSync, readlinkSync, symlinkSync, unlinkSync } from 'node:fs'

const bin = 'node_modules/.bin'
const link = `${bin}/org-baseline`
const target = '../../bin/org-baseline.js'
if (existsSync('node_modules')) {
  mkdirSync(bin, { recursive: true })
  let current
  try {
    current = readlinkSync(link)
  } catch {}
  if (current !== target) {
    if (current !== undefined) unlinkSync(link)
    symlinkSync(target, link)
  }
}
