// Drift a test or demo can inject into GuardDuty, as if someone changed it in the console.
import { SandboxError } from '../../errors.ts'
import type { World } from '../../state.ts'
import { disableAdmin } from './admin.ts'
import { ORG_FEATURES, parseAutoEnable } from './features.ts'
import { setFeature } from './organization-configuration.ts'
import { regionState, setAutoEnable } from './state.ts'

const invalid = (message: string) => new SandboxError('InvalidControlArguments', message, 400)

function requireString(args: Record<string, unknown>, key: string): string {
  const value = args[key]
  if (typeof value !== 'string' || value === '') throw invalid(`${key} is required`)
  return value
}

function administeredRegion(world: World, args: Record<string, unknown>) {
  const region = requireString(args, 'region')
  const rs = regionState(world, region)
  if (!rs.admin) throw invalid(`GuardDuty has no delegated administrator in ${region}`)
  return { rs, admin: rs.admin.accountId }
}

export const guardDutyControls: Record<string, (world: World, args: Record<string, unknown>) => unknown> = {
  /** The organization's auto-enable for members: ALL | NEW | NONE. */
  setAutoEnable(world, args) {
    const { rs, admin } = administeredRegion(world, args)
    setAutoEnable(rs, admin, parseAutoEnable(args.value), world.clock.now())
    return {}
  },
  /** One feature's organization auto-enable, e.g. { region, name: 'S3_DATA_EVENTS', autoEnable: 'NONE' }. */
  setFeature(world, args) {
    const { rs } = administeredRegion(world, args)
    const name = requireString(args, 'name')
    if (!(ORG_FEATURES as readonly string[]).includes(name)) throw invalid(`unknown feature ${name}`)
    setFeature(rs, name, parseAutoEnable(args.autoEnable), world.clock.now())
    return {}
  },
  disableAdmin(world, args) {
    administeredRegion(world, args)
    disableAdmin(world, requireString(args, 'region'))
    return {}
  },
  deleteDetector(world, args) {
    const rs = regionState(world, requireString(args, 'region'))
    rs.detectors.set(requireString(args, 'account'), null)
    return {}
  },
}
