import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import {
  type Bundle,
  describeCommand,
  describeServer,
  isOutsideWorkspace,
  parseBundleManifest,
  parsePythonInfo,
  type Probes,
  type PythonEnvironment,
  type PythonInfo,
  resolveServerCommand,
  type SearchContext,
  type ServerSettings,
  whichOnPath,
} from '../src/serverCommand';

const EMPTY: ServerSettings = { path: '', pythonPath: '', args: [], importStrategy: 'useBundled' };
const FROM_ENV: ServerSettings = { ...EMPTY, importStrategy: 'fromEnvironment' };
const BUNDLE: Bundle = { launcher: '/ext/bundled/tool/server.py', pythons: ['3.10', '3.11', '3.12', '3.13'], version: '0.1.0' };

/** A trusted workspace at /work/app, without the bundle unless given. */
function ctx(pythonEnv: PythonEnvironment | undefined, extra: Partial<SearchContext> = {}): SearchContext {
  return { trusted: true, pythonEnv, bundle: undefined, workspaceFolders: ['/work/app'], platform: 'linux', ...extra };
}

/**
 * Probes over a fake machine: a set of executables, the pythons that can import funcls, PATH as a
 * list of folders with the programs each holds, and interpreters' versions. Every program run is
 * recorded in `ran`.
 */
function fakeProbes(options: {
  executables?: string[];
  withFuncls?: string[];
  onPath?: string;
  path?: [string, string[]][];
  pythons?: Record<string, string | PythonInfo>;
}): Probes & { imported: string[]; ran: string[] } {
  const executables = new Set(options.executables ?? []);
  const withFuncls = new Set(options.withFuncls ?? []);
  const imported: string[] = [];
  const ran: string[] = [];
  return {
    imported,
    ran,
    isExecutable: async (file) => executables.has(file),
    canImportFuncls: async (python) => {
      imported.push(python);
      ran.push(python);
      return withFuncls.has(python);
    },
    which: async (name, acceptDir) => {
      if (name === 'funcls' && options.onPath) {
        const dir = options.onPath.slice(0, options.onPath.lastIndexOf('/'));
        return !acceptDir || acceptDir(dir) ? options.onPath : undefined;
      }
      for (const [dir, programs] of options.path ?? []) {
        if (programs.includes(name) && (!acceptDir || acceptDir(dir))) {
          return `${dir}/${name}`;
        }
      }
      return undefined;
    },
    pythonInfo: async (python) => {
      ran.push(python);
      const info = options.pythons?.[python];
      if (info === undefined) {
        return undefined;
      }
      return typeof info === 'string' ? { implementation: 'cpython', version: info, freeThreaded: false } : info;
    },
  };
}

describe('resolveServerCommand without a bundle (development builds)', () => {
  it('runs funcls.server.path with funcls.server.args first', async () => {
    const probes = fakeProbes({ executables: ['/opt/funcls'], withFuncls: ['/env/bin/python'], onPath: '/usr/bin/funcls' });
    const result = await resolveServerCommand(
      { ...EMPTY, path: '/opt/funcls', pythonPath: '/env/bin/python', args: ['--log-level', 'debug'] },
      ctx({ executable: '/env/bin/python' }, { bundle: BUNDLE }),
      probes,
    );
    assert.deepEqual(result, {
      kind: 'command',
      command: '/opt/funcls',
      args: ['--log-level', 'debug'],
      source: 'server.path',
      notes: [],
    });
    assert.deepEqual(probes.imported, []);
  });

  it('reports a funcls.server.path that is not executable instead of falling through', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, path: '/nowhere/funcls' },
      ctx(undefined),
      fakeProbes({ onPath: '/usr/bin/funcls' }),
    );
    assert.equal(result.kind, 'notFound');
    assert.match(result.kind === 'notFound' ? result.message : '', /funcls\.server\.path.*\/nowhere\/funcls/);
  });

  it('runs <python> -m funcls for funcls.server.pythonPath', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, path: '  ', pythonPath: '/srv/py/bin/python3', args: ['-v'] },
      ctx({ executable: '/env/bin/python' }, { bundle: BUNDLE }),
      fakeProbes({ executables: ['/srv/py/bin/python3'], withFuncls: ['/env/bin/python'] }),
    );
    assert.deepEqual(result, {
      kind: 'command',
      command: '/srv/py/bin/python3',
      args: ['-m', 'funcls', '-v'],
      source: 'server.pythonPath',
      notes: [],
    });
  });

  it('reports a funcls.server.pythonPath that does not exist', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, pythonPath: '/missing/python' },
      ctx(undefined),
      fakeProbes({ onPath: '/usr/bin/funcls' }),
    );
    assert.equal(result.kind, 'notFound');
  });

  it("uses the Python extension's environment when funcls is importable there", async () => {
    const probes = fakeProbes({ withFuncls: ['/app/.venv/bin/python'], onPath: '/usr/bin/funcls' });
    const result = await resolveServerCommand(EMPTY, ctx({ executable: '/app/.venv/bin/python' }), probes);
    assert.deepEqual(result, {
      kind: 'command',
      command: '/app/.venv/bin/python',
      args: ['-m', 'funcls'],
      source: 'pythonExtension',
      notes: [],
    });
    assert.deepEqual(probes.imported, ['/app/.venv/bin/python']);
  });

  it("falls back to PATH when funcls is not importable in the Python extension's environment", async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, args: ['--x'] },
      ctx({ executable: '/app/.venv/bin/python' }),
      fakeProbes({ onPath: '/home/u/.local/bin/funcls' }),
    );
    assert.deepEqual(result, {
      kind: 'command',
      command: '/home/u/.local/bin/funcls',
      args: ['--x'],
      source: 'PATH',
      notes: [],
    });
  });

  it('uses PATH when the Python extension is absent or has no environment', async () => {
    for (const env of [undefined, { executable: undefined }]) {
      const result = await resolveServerCommand(EMPTY, ctx(env), fakeProbes({ onPath: '/usr/local/bin/funcls' }));
      assert.equal(result.kind === 'command' ? result.source : result.kind, 'PATH');
    }
  });

  it('explains what was tried when nothing is found', async () => {
    const result = await resolveServerCommand(EMPTY, ctx({ executable: '/app/.venv/bin/python' }), fakeProbes({}));
    assert.equal(result.kind, 'notFound');
    if (result.kind === 'notFound') {
      assert.match(result.message, /pip install funcls/);
      assert.match(result.message, /pipx install funcls/);
      assert.equal(result.tried.length, 3);
      assert.match(result.tried[0] ?? '', /\/app\/\.venv\/bin\/python/);
    }
  });

  it('never passes --stdio itself: the client appends it', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, path: '/opt/funcls', args: ['--stdio', '--foo'] },
      ctx(undefined),
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

describe('resolveServerCommand with the bundled server', () => {
  const PATH_PYTHONS: [string, string[]][] = [
    ['/usr/local/bin', ['python3.12']],
    ['/usr/bin', ['python3', 'python3.11']],
  ];

  it('runs the bundle with the Python extension\'s interpreter when its version is carried', async () => {
    const probes = fakeProbes({
      withFuncls: ['/app/.venv/bin/python'],
      onPath: '/usr/bin/funcls',
      path: PATH_PYTHONS,
      pythons: { '/app/.venv/bin/python': '3.12.4', '/usr/bin/python3': '3.11.2' },
    });
    const result = await resolveServerCommand(EMPTY, ctx({ executable: '/app/.venv/bin/python' }, { bundle: BUNDLE }), probes);
    assert.deepEqual(result, {
      kind: 'command',
      command: '/app/.venv/bin/python',
      args: ['-I', '/ext/bundled/tool/server.py'],
      source: 'bundled',
      python: { path: '/app/.venv/bin/python', version: '3.12.4' },
      notes: [],
    });
    // useBundled does not look for an installed funcls at all.
    assert.deepEqual(probes.imported, []);
  });

  it('falls back to python3 on PATH when the selected interpreter is too old, and says why', async () => {
    const result = await resolveServerCommand(
      EMPTY,
      ctx({ executable: '/opt/py39/bin/python' }, { bundle: BUNDLE }),
      fakeProbes({ path: PATH_PYTHONS, pythons: { '/opt/py39/bin/python': '3.9.18', '/usr/bin/python3': '3.11.2' } }),
    );
    assert.equal(result.kind, 'command');
    if (result.kind === 'command') {
      assert.equal(result.command, '/usr/bin/python3');
      assert.deepEqual(result.python, { path: '/usr/bin/python3', version: '3.11.2' });
      assert.match(result.notes.join('\n'), /\/opt\/py39\/bin\/python is Python 3\.9\.18; the bundled server needs CPython 3\.10 to 3\.13/);
    }
  });

  it('tries versioned names on PATH after python3, and skips free-threaded and non-CPython builds', async () => {
    const result = await resolveServerCommand(
      EMPTY,
      ctx(undefined, { bundle: BUNDLE }),
      fakeProbes({
        path: [
          ['/usr/bin', ['python3', 'python']],
          ['/opt/bin', ['python3.13', 'python3.12']],
        ],
        pythons: {
          '/usr/bin/python3': { implementation: 'cpython', version: '3.13.1', freeThreaded: true },
          '/usr/bin/python': { implementation: 'pypy', version: '3.10.14', freeThreaded: false },
          '/opt/bin/python3.13': '3.14.0',
          '/opt/bin/python3.12': '3.12.8',
        },
      }),
    );
    assert.equal(result.kind === 'command' ? result.command : result.kind, '/opt/bin/python3.12');
  });

  it('uses an installed funcls first with importStrategy fromEnvironment', async () => {
    const probes = fakeProbes({ withFuncls: ['/app/.venv/bin/python'], path: PATH_PYTHONS, pythons: { '/usr/bin/python3': '3.11.2' } });
    const result = await resolveServerCommand(FROM_ENV, ctx({ executable: '/app/.venv/bin/python' }, { bundle: BUNDLE }), probes);
    assert.equal(result.kind === 'command' ? result.source : result.kind, 'pythonExtension');
  });

  it('falls back to the bundle when fromEnvironment finds nothing', async () => {
    const result = await resolveServerCommand(
      FROM_ENV,
      ctx(undefined, { bundle: BUNDLE }),
      fakeProbes({ path: PATH_PYTHONS, pythons: { '/usr/bin/python3': '3.11.2' } }),
    );
    assert.equal(result.kind, 'command');
    if (result.kind === 'command') {
      assert.equal(result.source, 'bundled');
      assert.match(result.notes.join('\n'), /fromEnvironment but no funcls was found/);
    }
  });

  it('explains which interpreters were tried when none fits', async () => {
    const result = await resolveServerCommand(
      EMPTY,
      ctx(undefined, { bundle: BUNDLE }),
      fakeProbes({ path: [['/usr/bin', ['python3']]], pythons: { '/usr/bin/python3': '3.9.2' } }),
    );
    assert.equal(result.kind, 'notFound');
    if (result.kind === 'notFound') {
      assert.match(result.message, /bundled with this extension needs Python 3\.10 to 3\.13/);
      assert.deepEqual(result.tried, [
        'python3 on PATH /usr/bin/python3 is Python 3.9.2; the bundled server needs CPython 3.10 to 3.13',
      ]);
    }
  });
});

describe('resolveServerCommand in an untrusted workspace', () => {
  const UNTRUSTED_SETTINGS: ServerSettings = {
    path: '/work/app/evil',
    pythonPath: '/work/app/.venv/bin/python',
    args: ['--evil'],
    importStrategy: 'fromEnvironment',
  };

  it('ignores every setting and the Python extension, and runs the bundle with python3 from PATH', async () => {
    const probes = fakeProbes({
      executables: ['/work/app/evil', '/work/app/.venv/bin/python'],
      withFuncls: ['/work/app/.venv/bin/python'],
      onPath: '/usr/bin/funcls',
      path: [['/usr/bin', ['python3']]],
      pythons: { '/work/app/.venv/bin/python': '3.12.0', '/usr/bin/python3': '3.11.2' },
    });
    const result = await resolveServerCommand(
      UNTRUSTED_SETTINGS,
      ctx({ executable: '/work/app/.venv/bin/python' }, { bundle: BUNDLE, trusted: false }),
      probes,
    );
    assert.equal(result.kind, 'command');
    if (result.kind === 'command') {
      assert.equal(result.source, 'bundled');
      assert.equal(result.command, '/usr/bin/python3');
      assert.deepEqual(result.args, ['-I', '/ext/bundled/tool/server.py']);
      assert.match(result.notes.join('\n'), /not trusted \(Restricted Mode\): funcls\.server\.path, .*funcls\.pythonPath/);
    }
    assert.deepEqual(probes.ran, ['/usr/bin/python3']);
  });

  it('takes no interpreter from a PATH folder inside the workspace or relative to it', async () => {
    const probes = fakeProbes({
      path: [
        ['.', ['python3']],
        ['/work/app/.venv/bin', ['python3']],
        ['/usr/bin', ['python3']],
      ],
      pythons: { './python3': '3.11.0', '/work/app/.venv/bin/python3': '3.11.0', '/usr/bin/python3': '3.11.2' },
    });
    const result = await resolveServerCommand(EMPTY, ctx(undefined, { bundle: BUNDLE, trusted: false }), probes);
    assert.equal(result.kind === 'command' ? result.command : result.kind, '/usr/bin/python3');
    assert.deepEqual(probes.ran, ['/usr/bin/python3']);
  });

  it('runs nothing when only the workspace offers an interpreter', async () => {
    const probes = fakeProbes({ path: [['/work/app/bin', ['python3']]], pythons: { '/work/app/bin/python3': '3.11.0' } });
    const result = await resolveServerCommand(EMPTY, ctx(undefined, { bundle: BUNDLE, trusted: false }), probes);
    assert.equal(result.kind, 'notFound');
    assert.deepEqual(probes.ran, []);
  });

  it('without a bundle, takes funcls from PATH outside the workspace only', async () => {
    const outside = await resolveServerCommand(
      UNTRUSTED_SETTINGS,
      ctx(undefined, { trusted: false }),
      fakeProbes({ executables: ['/work/app/evil'], onPath: '/usr/local/bin/funcls' }),
    );
    assert.deepEqual(outside.kind === 'command' ? [outside.command, outside.args] : [], ['/usr/local/bin/funcls', []]);
    const inside = await resolveServerCommand(
      EMPTY,
      ctx(undefined, { trusted: false }),
      fakeProbes({ onPath: '/work/app/node_modules/.bin/funcls' }),
    );
    assert.equal(inside.kind, 'notFound');
  });
});

describe('isOutsideWorkspace', () => {
  it('rejects relative folders and folders in or under a workspace folder', () => {
    assert.equal(isOutsideWorkspace('/usr/bin', ['/work/app'], 'linux'), true);
    assert.equal(isOutsideWorkspace('/work/application/bin', ['/work/app'], 'linux'), true);
    assert.equal(isOutsideWorkspace('/work/app', ['/work/app/'], 'linux'), false);
    assert.equal(isOutsideWorkspace('/work/app/.venv/bin/', ['/work/app'], 'linux'), false);
    assert.equal(isOutsideWorkspace('bin', ['/work/app'], 'linux'), false);
    assert.equal(isOutsideWorkspace('.', [], 'linux'), false);
  });

  it('compares Windows paths without case and with either slash', () => {
    assert.equal(isOutsideWorkspace('C:\\Python312', ['c:\\work\\app'], 'win32'), true);
    assert.equal(isOutsideWorkspace('c:/Work/App/.venv/Scripts', ['C:\\work\\app'], 'win32'), false);
    assert.equal(isOutsideWorkspace('Scripts', ['C:\\work\\app'], 'win32'), false);
  });
});

describe('parsePythonInfo and parseBundleManifest', () => {
  it('reads the probe line', () => {
    assert.deepEqual(parsePythonInfo('cpython 3.11.2 0\n'), { implementation: 'cpython', version: '3.11.2', freeThreaded: false });
    assert.deepEqual(parsePythonInfo('cpython 3.13.0 1'), { implementation: 'cpython', version: '3.13.0', freeThreaded: true });
    assert.equal(parsePythonInfo('Python 3.11.2'), undefined);
  });

  it('reads bundle.json and refuses one without versions', () => {
    const text = JSON.stringify({ target: 'linux-x64', pythons: ['3.10', '3.13', 'x'], funcls: '0.1.0' });
    assert.deepEqual(parseBundleManifest(text, '/e/server.py'), { launcher: '/e/server.py', pythons: ['3.10', '3.13'], version: '0.1.0' });
    assert.equal(parseBundleManifest(undefined, '/e/server.py'), undefined);
    assert.equal(parseBundleManifest('{"pythons": [], "funcls": "0.1.0"}', '/e/server.py'), undefined);
    assert.equal(parseBundleManifest('not json', '/e/server.py'), undefined);
  });
});

describe('describeServer', () => {
  it('names the bundled server, its version, its interpreter and its path', () => {
    const text = describeServer(
      { kind: 'command', command: '/usr/bin/python3', args: [], source: 'bundled', python: { path: '/usr/bin/python3', version: '3.11.2' }, notes: [] },
      BUNDLE,
    );
    assert.equal(text, 'the funcls 0.1.0 bundled with the extension (/ext/bundled/tool/server.py), run by Python 3.11.2 at /usr/bin/python3');
  });
});

describe('funcls.server.args', () => {
  it('reach the bundled server when trusted', async () => {
    const result = await resolveServerCommand(
      { ...EMPTY, args: ['--stdio', '--log-level', 'debug'] },
      ctx(undefined, { bundle: BUNDLE }),
      fakeProbes({ path: [['/usr/bin', ['python3']]], pythons: { '/usr/bin/python3': '3.11.2' } }),
    );
    assert.deepEqual(result.kind === 'command' ? result.args : [], ['-I', '/ext/bundled/tool/server.py', '--log-level', 'debug']);
  });
});
