import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { DEFAULT_DEBOUNCE_MS } from '../src/settings';

interface Manifest {
  name: string;
  publisher: string;
  displayName: string;
  engines: { vscode: string };
  main: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, { type: string; default?: unknown; enum?: string[] }> };
  };
}

// The tests are bundled into out/test/, two levels below the package.
const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;

describe('package.json', () => {
  it('identifies the extension', () => {
    assert.equal(manifest.publisher, 'funcls');
    assert.equal(manifest.name, 'funcls');
    assert.equal(manifest.displayName, 'Azure Functions Python (funcls)');
    assert.equal(manifest.engines.vscode, '^1.90.0');
    assert.equal(manifest.main, './dist/extension.js');
  });

  it('activates on Functions apps only', () => {
    assert.deepEqual(manifest.activationEvents, [
      'workspaceContains:**/function.json',
      'workspaceContains:**/host.json',
    ]);
  });

  it('contributes every setting the extension reads, with the defaults it assumes', () => {
    assert.deepEqual(Object.keys(properties).sort(), [
      'funcls.diagnostics.debounceMs',
      'funcls.diagnostics.schemaValidation',
      'funcls.diagnostics.scope',
      'funcls.diagnostics.severity',
      'funcls.pythonPath',
      'funcls.server.args',
      'funcls.server.path',
      'funcls.server.pythonPath',
      'funcls.trace.server',
    ]);
    assert.equal(properties['funcls.diagnostics.debounceMs']?.default, DEFAULT_DEBOUNCE_MS);
    assert.equal(properties['funcls.diagnostics.schemaValidation']?.default, true);
    assert.equal(properties['funcls.diagnostics.scope']?.default, 'workspace');
    assert.deepEqual(properties['funcls.trace.server']?.enum, ['off', 'messages', 'verbose']);
  });

  it('contributes the two commands', () => {
    const titles = manifest.contributes.commands.map((command) => `${command.category}: ${command.title}`);
    assert.deepEqual(titles, ['funcls: Restart server', 'funcls: Show output']);
  });
});
