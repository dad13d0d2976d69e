import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  buildInitializationOptions,
  type ConfigurationReader,
  expandPath,
  normaliseSeverity,
  patchConfigurationSection,
  readServerSettings,
} from '../src/settings';

const CONTEXT = { home: '/home/dev', workspaceFolder: '/work/app' };

/** A `funcls` section as VS Code's `getConfiguration('funcls').get(key)` answers it. */
function section(values: Record<string, unknown>): ConfigurationReader {
  return { get: (key) => values[key] };
}

describe('buildInitializationOptions', () => {
  it('gives the defaults for an empty configuration', () => {
    assert.deepEqual(buildInitializationOptions(section({}), CONTEXT, undefined, true), {
      diagnostics: { debounceMs: 150, severity: {}, schemaValidation: true },
    });
  });

  it('maps every analysis setting', () => {
    const options = buildInitializationOptions(
      section({
        pythonPath: '${workspaceFolder}/.venv/bin/python',
        'diagnostics.debounceMs': 0,
        'diagnostics.severity': { FUNC101: 'Warning', FUNC200: 'off' },
        'diagnostics.schemaValidation': false,
        'server.path': '/opt/funcls',
        'trace.server': 'verbose',
      }),
      CONTEXT, '/ext/python', true);
    assert.deepEqual(options, {
      pythonPath: '/work/app/.venv/bin/python',
      diagnostics: { debounceMs: 0, severity: { FUNC101: 'warning', FUNC200: 'off' }, schemaValidation: false },
    });
  });

  it("takes the Python extension's interpreter when funcls.pythonPath is empty", () => {
    const options = buildInitializationOptions(section({ pythonPath: '' }), CONTEXT, '/app/.venv/bin/python', true);
    assert.equal(options.pythonPath, '/app/.venv/bin/python');
  });

  it('falls back to defaults for values of the wrong type', () => {
    const options = buildInitializationOptions(
      section({
        'diagnostics.debounceMs': -5,
        'diagnostics.severity': ['error'],
        'diagnostics.schemaValidation': 'no',
      }),
      CONTEXT, undefined, true);
    assert.deepEqual(options.diagnostics, { debounceMs: 150, severity: {}, schemaValidation: true });
  });
});

describe('normaliseSeverity', () => {
  it('keeps known levels and drops the rest', () => {
    assert.deepEqual(normaliseSeverity({ A: 'ERROR', B: 'hint', C: 'loud', D: 3, ' E ': 'information' }), {
      A: 'error',
      B: 'hint',
      E: 'information',
    });
  });
});

describe('readServerSettings', () => {
  it('expands paths and keeps only string arguments', () => {
    assert.deepEqual(
      readServerSettings(
        section({ 'server.path': '~/bin/funcls', 'server.pythonPath': '', 'server.args': ['--a', 3, 'b'] }), CONTEXT, true),
      { path: '/home/dev/bin/funcls', pythonPath: '', args: ['--a', 'b'], importStrategy: 'useBundled' },
    );
  });

  it('treats missing settings as empty', () => {
    assert.deepEqual(readServerSettings(section({}), CONTEXT, true), {
      path: '',
      pythonPath: '',
      args: [],
      importStrategy: 'useBundled',
    });
  });
});

describe('expandPath', () => {
  it('expands ~, ${userHome} and ${workspaceFolder}', () => {
    assert.equal(expandPath(' ~ ', CONTEXT), '/home/dev');
    assert.equal(expandPath('${userHome}/x', CONTEXT), '/home/dev/x');
    assert.equal(expandPath('${workspaceFolder}/.venv', CONTEXT), '/work/app/.venv');
    assert.equal(expandPath('~user/x', CONTEXT), '~user/x');
  });

  it('leaves ${workspaceFolder} when there is no folder', () => {
    assert.equal(expandPath('${workspaceFolder}/a', { home: '/h', workspaceFolder: undefined }), '${workspaceFolder}/a');
  });
});

describe('patchConfigurationSection', () => {
  it('drops client-only keys and fills pythonPath', () => {
    const patched = patchConfigurationSection(
      { server: { path: '/x' }, trace: { server: 'off' }, pythonPath: '', diagnostics: { debounceMs: 10 } },
      CONTEXT, '/app/.venv/bin/python', true);
    assert.deepEqual(patched, { pythonPath: '/app/.venv/bin/python', diagnostics: { debounceMs: 10 } });
  });

  it('keeps a configured pythonPath and removes an empty one when nothing is known', () => {
    assert.deepEqual(patchConfigurationSection({ pythonPath: '~/py' }, CONTEXT, '/ext/python', true), {
      pythonPath: '/home/dev/py',
    });
    assert.deepEqual(patchConfigurationSection({ pythonPath: '' }, CONTEXT, undefined, true), {});
  });

  it('passes through anything that is not an object', () => {
    assert.equal(patchConfigurationSection(null, CONTEXT, '/p', true), null);
  });
});

describe('an untrusted workspace', () => {
  const HOSTILE = section({
    'server.path': '${workspaceFolder}/evil',
    'server.pythonPath': '/tmp/evil-python',
    'server.args': ['--evil'],
    importStrategy: 'fromEnvironment',
    pythonPath: '${workspaceFolder}/.venv/bin/python',
    'diagnostics.debounceMs': 20,
  });

  it('reads none of the server settings', () => {
    assert.deepEqual(readServerSettings(HOSTILE, CONTEXT, false), {
      path: '',
      pythonPath: '',
      args: [],
      importStrategy: 'useBundled',
    });
  });

  it('sends no interpreter to the server, from the settings or the Python extension', () => {
    const options = buildInitializationOptions(HOSTILE, CONTEXT, '/app/.venv/bin/python', false);
    assert.deepEqual(options, { diagnostics: { debounceMs: 20, severity: {}, schemaValidation: true } });
    assert.deepEqual(
      patchConfigurationSection(
        { pythonPath: '/work/app/.venv/bin/python', importStrategy: 'fromEnvironment', diagnostics: { debounceMs: 20 } },
        CONTEXT,
        '/app/.venv/bin/python',
        false,
      ),
      { diagnostics: { debounceMs: 20 } },
    );
  });

  it('reads importStrategy when trusted', () => {
    assert.equal(readServerSettings(HOSTILE, CONTEXT, true).importStrategy, 'fromEnvironment');
    assert.equal(readServerSettings(section({ importStrategy: 'other' }), CONTEXT, true).importStrategy, 'useBundled');
  });
});
