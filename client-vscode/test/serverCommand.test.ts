import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  describeCommand,
  type Probes,
  resolveServerCommand,
  type ServerSettings,
  whichOnPath,
} from '../src/serverCommand';

const EMPTY: ServerSettings = { path: '', pythonPath: '', args: [] };

/** Probes over a fake machine: a set of executables, the pythons that can import funcls, and PATH. */
function fakeProbes(options: { executables?: string[]; withFuncls?: string[]; onPath?: string }): Probes & {
  imported: string[];
} {
  const executables = new Set(options.executables ?? []);
  const withFuncls = new Set(options.withFuncls ?? []);
  const imported: string[] = [];
  return {
    imported,
    isExecutable: async (file) => executables.has(file),
    canImportFuncls: async (python) => {
      imported.push(python);
      return withFuncls.has(python);
    },
    which: async () => options.onPath,
  };
}

describe('resolveServerCommand', () => {
  it('runs funcls.server.path with funcls.server.args first', async () => {
    const probes = fakeProbes({ executables: ['/opt/funcls'], withFuncls: ['/env/bin/python'], onPath: '/usr/bin/funcls' });
    const result = await resolveServerCommand(
      { path: '/opt/funcls', pythonPath: '/env/bin/python', args: ['--log-level', 'debug'] },
      { executable: '/env/bin/python' },
      probes,
    );
    assert.deepEqual(result, {
      kind: 'command',
      command: '/opt/funcls',
      args: ['--log-level', 'debug'],
      source: 'server.path',
    });
    assert.deepEqual(probes.imported, []);
  });

  it('reports a funcls.server.path that is not executable instead of falling through', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, path: '/nowhere/funcls' },
      undefined,
      fakeProbes({ onPath: '/usr/bin/funcls' }),
    );
    assert.equal(result.kind, 'notFound');
    assert.match(result.kind === 'notFound' ? result.message : '', /funcls\.server\.path.*\/nowhere\/funcls/);
  });

  it('runs <python> -m funcls for funcls.server.pythonPath', async () => {
    const result = await resolveServerCommand(
      { path: '  ', pythonPath: '/srv/py/bin/python3', args: ['-v'] },
      { executable: '/env/bin/python' },
      fakeProbes({ executables: ['/srv/py/bin/python3'], withFuncls: ['/env/bin/python'] }),
    );
    assert.deepEqual(result, {
      kind: 'command',
      command: '/srv/py/bin/python3',
      args: ['-m', 'funcls', '-v'],
      source: 'server.pythonPath',
    });
  });

  it('reports a funcls.server.pythonPath that does not exist', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, pythonPath: '/missing/python' },
      undefined,
      fakeProbes({ onPath: '/usr/bin/funcls' }),
    );
    assert.equal(result.kind, 'notFound');
  });

  it("uses the Python extension's environment when funcls is importable there", async () => {
    const probes = fakeProbes({ withFuncls: ['/app/.venv/bin/python'], onPath: '/usr/bin/funcls' });
    const result = await resolveServerCommand(EMPTY, { executable: '/app/.venv/bin/python' }, probes);
    assert.deepEqual(result, {
      kind: 'command',
      command: '/app/.venv/bin/python',
      args: ['-m', 'funcls'],
      source: 'pythonExtension',
    });
    assert.deepEqual(probes.imported, ['/app/.venv/bin/python']);
  });

  it("falls back to PATH when funcls is not importable in the Python extension's environment", async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, args: ['--x'] },
      { executable: '/app/.venv/bin/python' },
      fakeProbes({ onPath: '/home/u/.local/bin/funcls' }),
    );
    assert.deepEqual(result, {
      kind: 'command',
      command: '/home/u/.local/bin/funcls',
      args: ['--x'],
      source: 'PATH',
    });
  });

  it('uses PATH when the Python extension is absent or has no environment', async () => {
    for (const env of [undefined, { executable: undefined }]) {
      const result = await resolveServerCommand(EMPTY, env, fakeProbes({ onPath: '/usr/local/bin/funcls' }));
      assert.equal(result.kind === 'command' ? result.source : result.kind, 'PATH');
    }
  });

  it('explains what was tried when nothing is found', async () => {
    const result = await resolveServerCommand(EMPTY, { executable: '/app/.venv/bin/python' }, fakeProbes({}));
    assert.equal(result.kind, 'notFound');
    if (result.kind === 'notFound') {
      assert.match(result.message, /pip install funcls/);
      assert.match(result.message, /pipx install funcls/);
      assert.equal(result.tried.length, 2);
      assert.match(result.tried[0] ?? '', /\/app\/\.venv\/bin\/python/);
    }
  });

  it('never passes --stdio itself: the client appends it', async () => {
    const result = await resolveServerCommand(
      { path: '/opt/funcls', pythonPath: '', args: ['--stdio', '--foo'] },
      undefined,
      fakeProbes({ executables: ['/opt/funcls'] }),
    );
    assert.deepEqual(result.kind === 'command' ? result.args : [], ['--foo']);
  });
});

describe('whichOnPath', () => {
  it('returns the first executable match in PATH order', async () => {
    const found = await whichOnPath('funcls', { PATH: '/a:/b/:/c' }, 'linux', async (file) =>
      ['/b/funcls', '/c/funcls'].includes(file),
    );
    assert.equal(found, '/b/funcls');
  });

  it('tries PATHEXT on Windows', async () => {
    const found = await whichOnPath(
      'funcls',
      { Path: 'C:\\Python\\Scripts;C:\\bin', PATHEXT: '.COM;.EXE' },
      'win32',
      async (file) => file === 'C:\\bin\\funcls.exe',
    );
    assert.equal(found, 'C:\\bin\\funcls.exe');
  });

  it('returns undefined when PATH is empty', async () => {
    assert.equal(await whichOnPath('funcls', {}, 'linux', async () => true), undefined);
  });
});

describe('describeCommand', () => {
  it('quotes arguments with spaces', () => {
    assert.equal(describeCommand('/My Apps/funcls', ['--stdio']), '"/My Apps/funcls" --stdio');
  });
});
