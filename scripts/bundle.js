// `npm run build` after the type check: bundles src/cli.ts and what it loads into dist/ with esbuild, so a
// start reads a few large files instead of ~1,500 small ones (the AWS SDK's CommonJS among them).
// - Commands, the sandbox and the SDK stay lazy: each dynamic import() becomes a chunk of its own (splitting).
// - The SDK's ES module builds (`module` before `main`) let esbuild drop the commands and schemas a run never
//   uses; its CommonJS builds cannot be tree-shaken.
// - @aws-cdk/aws-service-spec stays external: it reads its database from its own package directory.
// - Linked source maps (without the sources) map a stack trace back to src/ with --enable-source-maps.
// Output: dist/cli.js (the entry bin/ runs) and dist/chunks/*.js.
import { rmSync } from 'node:fs'
import { build } from 'esbuild'

rmSync('dist', { recursive: true, force: true })
await build({
  entryPoints: ['src/cli.ts'],
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  mainFields: ['module', 'main'],
  external: ['@aws-cdk/aws-service-spec'],
  // Bundled CommonJS calls require() for Node's built-ins: give ES modules one.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
  sourcemap: 'linked',
  sourcesContent: false,
  logLevel: 'warning',
})
