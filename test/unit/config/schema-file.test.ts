import { readFileSync } from 'node:fs'
import { test } from 'uvu'
import * as assert from 'uvu/assert'
import { renderJsonSchema, SCHEMA_FILE } from '../../../src/config/write-schema.ts'

test('config/schema.json is up to date with the zod schema (run `npm run schema` if this fails)', () => {
  assert.fixture(readFileSync(SCHEMA_FILE, 'utf8'), renderJsonSchema())
})

test('the JSON schema rejects unknown keys, so editors flag typos like the loader does', () => {
  const schema = JSON.parse(renderJsonSchema()) as { additionalProperties?: boolean; required?: string[] }
  assert.is(schema.additionalProperties, false)
  assert.equal(schema.required, ['version', 'accounts'])
})

test.run()
