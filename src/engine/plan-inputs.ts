// What a plan was made from: digests of the config file, the SCP documents it sends and the templates it
// deploys. A saved plan is applied only with the same inputs, so a swapped config, an edited SCP file or a
// changed template cannot ride on a plan someone reviewed.
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Baseline } from '../config/baseline.ts'

export interface PlanInputs {
  /** sha256 of the config file's bytes. */
  config: string
  /** sha256 of every SCP's name and the exact (minified, substituted) text sent to Organizations. */
  scps: string
  /** sha256 of every template file's name and bytes in the template directory. */
  templates: string
}

const INPUT_NAMES: Record<keyof PlanInputs, string> = {
  config: 'the config file',
  scps: 'the SCP documents',
  templates: 'the CloudFormation templates',
}

const sha256 = (parts: (string | Buffer)[]) => {
  const hash = createHash('sha256')
  // Length-prefixed, so ["ab","c"] and ["a","bc"] differ.
  for (const part of parts) hash.update(`${Buffer.byteLength(part)}:`).update(part)
  return hash.digest('hex')
}

export async function digestInputs(baseline: Baseline): Promise<PlanInputs> {
  const templateFiles = (await readdir(baseline.templateDir)).filter((f) => /\.(ya?ml|json)$/i.test(f)).sort()
  const templates = await Promise.all(
    templateFiles.map(async (f) => [f, await readFile(join(baseline.templateDir, f))] as const),
  )
  const scps = [...baseline.scps].sort((a, b) => a.name.localeCompare(b.name))
  return {
    config: sha256([await readFile(baseline.configPath)]),
    scps: sha256(scps.flatMap((s) => [s.name, s.minified])),
    templates: sha256(templates.flat()),
  }
}

/** The inputs (in words) that differ between a saved plan and the ones at hand. */
export function inputDifferences(saved: PlanInputs, current: PlanInputs): string[] {
  return (Object.keys(INPUT_NAMES) as (keyof PlanInputs)[])
    .filter((key) => saved[key] !== current[key])
    .map((key) => INPUT_NAMES[key])
}
