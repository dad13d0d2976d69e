import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

import { RESTRICTED_SETTINGS } from '../src/serverCommand';
import { DEFAULT_DEBOUNCE_MS } from '../src/settings';

interface Property {
  type: string;
  default?: unknown;
  enum?: string[];
  scope?: string;
  markdownDescription?: string;
}

interface Manifest {
  name: string;
  publisher: string;
  displayName: string;
  description: string;
  version: string;
  license: string;
  icon: string;
  repository: { type: string; url: string };
  engines: { vscode: string };
  main: string;
  activationEvents: string[];
  extensionKind: string[];
  capabilities: {
    untrustedWorkspaces: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces: { supported: boolean } | boolean;
  };
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    configuration: { properties: Record<string, Property> };
  };
}

// The tests are bundled into out/test/, two levels below the package.
const CLIENT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(CLIENT, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
/** The .vscodeignore lines that bring a file into the vsix (everything else is excluded by `**`). */
const packaged = readFileSync(join(CLIENT, '.vscodeignore'), 'utf8')
  .split(/\r?\n/)
  .filter((line) => line.startsWith('!'))
  .map((line) => line.slice(1));

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
      'funcls.importStrategy',
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
    assert.deepEqual(properties['funcls.importStrategy']?.enum, ['useBundled', 'fromEnvironment']);
    assert.equal(properties['funcls.importStrategy']?.default, 'useBundled');
  });

  it('contributes the two commands', () => {
    const titles = manifest.contributes.commands.map((command) => `${command.category}: ${command.title}`);
    assert.deepEqual(titles, ['funcls: Restart server', 'funcls: Show output']);
  });
});

describe('Workspace Trust', () => {
  const trust = manifest.capabilities.untrustedWorkspaces;

  it('works in Restricted Mode with limits, saying what is limited', () => {
    assert.equal(trust.supported, 'limited');
    assert.match(trust.description ?? '', /bundled|carries/);
  });

  it('restricts exactly the settings the extension ignores when untrusted', () => {
    assert.deepEqual([...(trust.restrictedConfigurations ?? [])].sort(), [...RESTRICTED_SETTINGS].sort());
  });

  it('restricts every setting that names a program, an interpreter or its arguments', () => {
    const namesProgram = (key: string, property: Property) =>
      /path|args|strategy/i.test(key) || /executable|interpreter/i.test(property.markdownDescription ?? '');
    const unrestricted = Object.entries(properties)
      .filter(([key, property]) => namesProgram(key, property))
      .map(([key]) => key)
      .filter((key) => !trust.restrictedConfigurations?.includes(key));
    assert.deepEqual(unrestricted, []);
    for (const key of RESTRICTED_SETTINGS) {
      assert.match(properties[key]?.markdownDescription ?? '', /Ignored in untrusted workspaces/, key);
    }
  });

  it('runs on the machine that holds the files (the server reads them from disk)', () => {
    assert.deepEqual(manifest.extensionKind, ['workspace']);
  });
});

describe('Open VSX and Marketplace publishing', () => {
  it('has the fields the registries require', () => {
    for (const field of ['name', 'publisher', 'displayName', 'description', 'version', 'license'] as const) {
      assert.ok(manifest[field], field);
    }
    assert.equal(manifest.license, 'MIT');
    assert.match(manifest.repository.url, /^https:\/\/.+\.git$/);
    assert.match(manifest.engines.vscode, /^\^1\.\d+\.\d+$/);
  });

  it('carries an MIT licence file, a changelog with this version and the README', () => {
    assert.match(readFileSync(join(CLIENT, 'LICENSE'), 'utf8'), /^MIT License/);
    assert.match(readFileSync(join(CLIENT, 'CHANGELOG.md'), 'utf8'), new RegExp(`^## ${manifest.version.replace(/\./g, '\\.')}$`, 'm'));
    for (const file of ['LICENSE', 'CHANGELOG.md', 'README.md', 'package.json', 'dist/extension.js', manifest.icon]) {
      assert.ok(packaged.includes(file), `.vscodeignore does not bring ${file} into the vsix`);
    }
  });

  it('has a PNG icon of at least 128x128 pixels', () => {
    const icon = readFileSync(join(CLIENT, manifest.icon));
    assert.deepEqual([...icon.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    assert.equal(icon.subarray(12, 16).toString('ascii'), 'IHDR');
    const width = icon.readUInt32BE(16);
    const height = icon.readUInt32BE(20);
    assert.ok(width >= 128 && width === height, `icon is ${width}x${height}`);
  });

  it('packages the bundled server: its launcher, libraries and manifest', () => {
    assert.ok(existsSync(join(CLIENT, 'bundled', 'tool', 'server.py')));
    assert.ok(existsSync(join(CLIENT, 'bundled', 'requirements.txt')));
    for (const entry of ['bundled/tool/server.py', 'bundled/libs/**', 'bundled/bundle.json']) {
      assert.ok(packaged.includes(entry), `.vscodeignore does not bring ${entry} into the vsix`);
    }
    assert.ok(!packaged.some((entry) => entry.includes('requirements')), 'the lock file is for the build only');
  });
});
