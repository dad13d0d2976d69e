import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { it } from 'node:test';

/** The repository root: the nearest parent holding server/funcls/__init__.py. */
function repoRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'server', 'funcls', '__init__.py'))) {
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) {
      throw new Error(`server/funcls/__init__.py not found above ${__dirname}`);
    }
    dir = parent;
  }
}

it("has the same version as the server's __version__", () => {
  const root = repoRoot();
  const manifest = JSON.parse(readFileSync(join(root, 'client-vscode', 'package.json'), 'utf8')) as {
    version: string;
  };
  const init = readFileSync(join(root, 'server', 'funcls', '__init__.py'), 'utf8');
  const match = /^__version__\s*=\s*["']([^"']+)["']/m.exec(init);
  assert.ok(match, '__version__ not found in server/funcls/__init__.py');
  assert.equal(manifest.version, match[1]);
});
