// `npm run schema`: writes config/schema.json (for editors, via the yaml-language-server comment in
// config/org.example.yaml) from the zod schema, so the two can never disagree.
import { writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { orgConfigSchema } from './schema.ts'

export const SCHEMA_FILE = fileURLToPath(new URL('../../config/schema.json', import.meta.url))

/** The JSON Schema text, exactly as committed. Input view: keys with defaults are optional to write. */
export function renderJsonSchema(): string {
  const schema = z.toJSONSchema(orgConfigSchema, { io: 'input', target: 'draft-2020-12' })
  return `${JSON.stringify(schema, null, 2)}\n`
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await writeFile(SCHEMA_FILE, renderJsonSchema())
  console.log(`wrote ${SCHEMA_FILE}`)
}
