// `npm run build` after the type check: bundles src/cli.ts and what it loads into dist/ with esbuild, so a
// start reads a few large files instead of ~1,500 small ones (the AWS SDK's CommonJS among them).
// - Commands, the sandbox and the SDK stay lazy: each dynamic import() becomes a chunk of its own (splitting).
// - The SDK's ES module builds (`module` before `main`) let esbuild drop the commands and schemas a run never
//   uses; its CommonJS builds cannot be tree-shaken.
// - @aws-cdk/aws-service-spec stays external: it reads its database from its own package directory.
// - Linked source maps (without the sources) map a stack trace back to src/ with --enable-source-maps.
// - The shipped CloudFormation templates go in already parsed (SHIPPED_TEMPLATES, src/modules/stacksets/
//   parsed-templates.ts), by the tool's own parser, where JSON carries the parse unchanged; so does the sandbox's
//   default seed (SHIPPED_SEEDS, src/sandbox/seed.ts).
// Output: dist/cli.js (the entry bin/ runs) and dist/chunks/*.js.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { isDeepStrictEqual } from 'node:util'
import { build } from 'esbuild'
import { parse as parseYaml } from 'yaml'

// Bundled CommonJS calls require() for Node's built-ins: give ES modules one.
const banner = {
  js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
}

/** [text, parse] of every template in stacksets/, parsed by src/modules/stacksets/cfn-yaml.ts. */
async function shippedTemplates() {
  const dir = mkdtempSync(join(tmpdir(), 'org-baseline-bundle-'))
  try {
    const parser = join(dir, 'cfn-yaml.mjs')
    await build({
      entryPoints: ['src/modules/stacksets/cfn-yaml.ts'],
      outfile: parser,
      bundle: true,
      platform: 'node',
      format: 'esm',
      banner,
      logLevel: 'warning',
    })
    const { parseTemplate } = await import(parser)
    const entries = []
    for (const file of readdirSync('stacksets')
      .filter((f) => f.endsWith('.yaml'))
      .sort()) {
      const text = readFileSync(join('stacksets', file), 'utf8')
      const parsed = parseTemplate(text)
      if (isDeepStrictEqual(JSON.parse(JSON.stringify(parsed)), parsed)) entries.push([text, parsed])
    }
    return entries
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** [text, JSON of its parse] of the sandbox seed shipped in config/, parsed as src/sandbox/seed.ts parses it. */
function shippedSeeds() {
  const entries = []
  for (const file of ['config/sandbox.yaml']) {
    const text = readFileSync(file, 'utf8')
    const parsed = parseYaml(text)
    const json = JSON.stringify(parsed)
    if (isDeepStrictEqual(JSON.parse(json), parsed)) entries.push([text, json])
  }
  return entries
}

// zod re-exports every locale of its messages (`z.locales`, ~370 KB bundled); the tool uses English alone,
// which zod configures itself from locales/en.js. A start then parses a third less of the zod and yaml chunk.
const englishOnly = {
  name: 'zod-english-only',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: "export { default as en } from './en.js'",
      resolveDir: 'node_modules/zod/v4/locales',
    }))
  },
}

// The SDK clients' schemas (one file per client, e.g. 350 KB for Security Hub) write trait keys as computed
// properties (`{ [_h]: … }`, `_h` a string constant) and list types as `128 | 0`: esbuild cannot prove those
// side-effect free, so it keeps every schema of every operation. Written as the literals they are, unused
// schemas drop out (the tool uses a few dozen of the thousands): a start compiles about half the SDK code.
const SDK_SCHEMAS = /[\\/]@aws-sdk[\\/]client-[^\\/]+[\\/]dist-es[\\/]schemas[\\/]schemas_\d+\.js$/
const sdkSchemasShakeable = {
  name: 'sdk-schemas-shakeable',
  setup(build) {
    build.onLoad({ filter: SDK_SCHEMAS }, async (args) => {
      const text = await readFile(args.path, 'utf8')
      const strings = new Map(
        [...text.matchAll(/^const (_\w+) = ("[^"\\]*");$/gm)].map(([, name, literal]) => [name, literal]),
      )
      const contents = text
        .replace(/\[(_\w+)\]:/g, (key, name) => (strings.has(name) ? `${strings.get(name)}:` : key))
        .replace(/\b(\d+) \| (\d+)\b/g, (_, a, b) => String(Number(a) | Number(b)))
      return { contents, loader: 'js' }
    })
  },
}

const templates = await shippedTemplates()
const seeds = shippedSeeds()
rmSync('dist', { recursive: true, force: true })
await build({
  // The sandbox's thread (src/sandbox/in-worker.ts) runs dist/sandbox/worker.js.
  entryPoints: ['src/cli.ts', 'src/sandbox/worker.ts'],
  outbase: 'src',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['@aws-cdk/aws-service-spec'],
  define: {
    SHIPPED_TEMPLATES: JSON.stringify(templates),
    SHIPPED_SEEDS: JSON.stringify(seeds),
    SANDBOX_WORKER: JSON.stringify('dist/sandbox/worker.js'),
  },
  banner,
  plugins: [englishOnly, sdkSchemasShakeable],
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
})
