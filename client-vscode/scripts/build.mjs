// Bundles the extension (dist/extension.js) or, with --tests, the unit tests (out/test/*.test.js).
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const production = process.argv.includes('--production');
const tests = process.argv.includes('--tests');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  logLevel: 'warning',
};

if (tests) {
  const entryPoints = readdirSync('test')
    .filter((name) => name.endsWith('.test.ts'))
    .map((name) => join('test', name));
  await build({
    ...common,
    entryPoints,
    outdir: 'out/test',
    sourcemap: 'inline',
    // The unit tests cover code that runs without VS Code; importing it there is a mistake.
    external: ['vscode'],
  });
} else {
  await build({
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    sourcemap: !production,
    minify: production,
  });
}
