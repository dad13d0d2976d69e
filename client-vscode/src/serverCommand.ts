/**
 * Finding the funcls server to start.
 *
 * Everything here is plain data in, plain data out: the file system and process probes are passed in,
 * so the order of the search is unit-tested without VS Code.
 */

/** `useBundled`: the server the extension carries; `fromEnvironment`: a funcls installed by the user. */
export type ImportStrategy = 'useBundled' | 'fromEnvironment';

/** The `funcls.server.*` settings and `funcls.importStrategy`. Empty strings mean "not set". */
export interface ServerSettings {
  path: string;
  pythonPath: string;
  args: string[];
  importStrategy: ImportStrategy;
}

/** What the Python extension reports as the active environment of the workspace, if it is installed. */
export interface PythonEnvironment {
  /** The environment's interpreter, or undefined when it has none resolved. */
  executable: string | undefined;
}

/** The server the extension carries (bundled/bundle.json, written by scripts/bundle.mjs). */
export interface Bundle {
  /** bundled/tool/server.py, run as `<python> -I <launcher>`. */
  launcher: string;
  /** The Python versions it has libraries for, as `3.10`, `3.11`... */
  pythons: string[];
  /** The funcls version it carries. */
  version: string;
}

/** What an interpreter says about itself. */
export interface PythonInfo {
  implementation: string;
  /** `3.11.2` */
  version: string;
  freeThreaded: boolean;
}

/** Side effects the search needs, injected so tests can fake them. */
export interface Probes {
  /** True when `file` exists and can be executed. */
  isExecutable(file: string): Promise<boolean>;
  /** True when `python -c "import funcls"` succeeds. */
  canImportFuncls(python: string): Promise<boolean>;
  /** The full path of `name` in the first PATH folder that `acceptDir` accepts, or undefined. */
  which(name: string, acceptDir?: (dir: string) => boolean): Promise<string | undefined>;
  /** The interpreter's version, or undefined when it cannot be run. */
  pythonInfo(python: string): Promise<PythonInfo | undefined>;
}

/** Where the search runs: the workspace's trust, the Python extension, the bundle. */
export interface SearchContext {
  /** `vscode.workspace.isTrusted`: when false, nothing named by settings or the Python extension runs. */
  trusted: boolean;
  /** The Python extension's active environment; undefined when the extension is absent. */
  pythonEnv: PythonEnvironment | undefined;
  /** The server the extension carries; undefined in a build without it. */
  bundle: Bundle | undefined;
  /** The workspace folders' paths: in an untrusted workspace no program is taken from inside them. */
  workspaceFolders: string[];
  platform: string;
}

export type ServerSource = 'server.path' | 'server.pythonPath' | 'pythonExtension' | 'PATH' | 'bundled';

export interface ServerCommand {
  kind: 'command';
  command: string;
  args: string[];
  source: ServerSource;
  /** For the bundled server: the interpreter that runs it and its version. */
  python?: { path: string; version: string };
  /** Lines for the output channel: what was skipped and why. */
  notes: string[];
}

export interface ServerNotFound {
  kind: 'notFound';
  /** A sentence for the user; names what was tried. */
  message: string;
  /** One line per place that was looked at, for the output channel. */
  tried: string[];
}

export type Resolution = ServerCommand | ServerNotFound;

/** The settings that name a program to run, ignored in untrusted workspaces. */
export const RESTRICTED_SETTINGS: readonly string[] = [
  'funcls.server.path',
  'funcls.server.pythonPath',
  'funcls.server.args',
  'funcls.importStrategy',
  'funcls.pythonPath',
];

/** The command line that is run for a `python -m funcls` start. */
export function pythonModuleArgs(extra: readonly string[]): string[] {
  return ['-m', 'funcls', ...extra];
}

/** The command line that runs the bundled server: `-I` keeps PYTHONPATH, user site and cwd out. */
export function bundledArgs(bundle: Bundle, extra: readonly string[]): string[] {
  return ['-I', bundle.launcher, ...extra];
}

/** Parse the one line the interpreter probe prints: `<implementation> <version> <free-threaded 0|1>`. */
export function parsePythonInfo(output: string): PythonInfo | undefined {
  const match = /^(\w+) (\d+\.\d+\.\d+\S*) ([01])\s*$/.exec(output.trim());
  if (!match) {
    return undefined;
  }
  return { implementation: match[1] as string, version: match[2] as string, freeThreaded: match[3] === '1' };
}

/** The Python script of the interpreter probe (its output is read by `parsePythonInfo`). */
export const PYTHON_INFO_SCRIPT =
  'import sys, sysconfig; print(sys.implementation.name, "%d.%d.%d" % sys.version_info[:3], ' +
  'int(bool(sysconfig.get_config_var("Py_GIL_DISABLED"))))';

/** True when `info` describes an interpreter that can load the bundle's libraries. */
export function canRunBundle(info: PythonInfo, bundle: Bundle): boolean {
  const minor = info.version.split('.').slice(0, 2).join('.');
  return info.implementation === 'cpython' && !info.freeThreaded && bundle.pythons.includes(minor);
}

function versionRange(bundle: Bundle): string {
  const pythons = bundle.pythons;
  if (pythons.length === 0) {
    return 'no Python version';
  }
  return pythons.length === 1 ? `Python ${pythons[0]}` : `Python ${pythons[0]} to ${pythons[pythons.length - 1]}`;
}

/** True when `path` is absolute on `platform`. */
export function isAbsolutePath(path: string, platform: string): boolean {
  return platform === 'win32' ? /^([a-zA-Z]:[\\/]|[\\/]{2})/.test(path) : path.startsWith('/');
}

function normaliseForCompare(path: string, platform: string): string {
  const windows = platform === 'win32';
  let result = windows ? path.replace(/\//g, '\\').toLowerCase() : path;
  const separator = windows ? '\\' : '/';
  while (result.length > 1 && result.endsWith(separator)) {
    result = result.slice(0, -1);
  }
  return result;
}

/**
 * True when a PATH folder may provide a program in an untrusted workspace: an absolute folder
 * outside every workspace folder (a relative entry such as `.` would resolve inside the workspace).
 */
export function isOutsideWorkspace(dir: string, workspaceFolders: readonly string[], platform: string): boolean {
  if (!isAbsolutePath(dir, platform)) {
    return false;
  }
  const separator = platform === 'win32' ? '\\' : '/';
  const candidate = normaliseForCompare(dir, platform);
  return workspaceFolders.every((folder) => {
    const root = normaliseForCompare(folder, platform);
    return candidate !== root && !candidate.startsWith(root + separator);
  });
}

/** Interpreters on PATH the bundled server may run on, most likely first. */
function pathPythonNames(bundle: Bundle, platform: string): string[] {
  const versioned = [...bundle.pythons].reverse().map((version) => `python${version}`);
  return platform === 'win32' ? ['python', 'python3'] : ['python3', 'python', ...versioned];
}

/**
 * Decide how to start the server, in this order:
 * 1. `funcls.server.path`: that executable, with `funcls.server.args`;
 * 2. `funcls.server.pythonPath`: `<python> -m funcls`;
 * 3. with `funcls.importStrategy` = `fromEnvironment`: the Python extension's active environment when
 *    funcls is importable there, else `funcls` on PATH;
 * 4. the bundled server, run by the Python extension's interpreter or a python3 on PATH whose
 *    version the bundle carries libraries for;
 * 5. without a bundle (a development build): step 3 whatever the strategy.
 *
 * In an untrusted workspace steps 1 to 3 and the Python extension's interpreter are skipped: only
 * the bundled server runs, with an interpreter from a PATH folder outside the workspace.
 *
 * A setting that is set but unusable is reported as such instead of silently falling through, so a
 * typo in a path is not hidden by another funcls found later. `--stdio` is not added here: the
 * language client appends it for the stdio transport.
 */
export async function resolveServerCommand(
  settings: ServerSettings,
  context: SearchContext,
  probes: Probes,
): Promise<Resolution> {
  const notes: string[] = [];
  const tried: string[] = [];
  const { trusted, bundle } = context;
  if (!trusted) {
    notes.push(
      `The workspace is not trusted (Restricted Mode): ${RESTRICTED_SETTINGS.join(', ')} and the Python ` +
        "extension's interpreter are ignored; only the bundled server runs.",
    );
    return (
      (await bundledCommand(bundle, undefined, [], context, probes, tried, notes)) ??
      (await fromPath([], context, probes, tried, notes, true)) ??
      notFound(bundle, tried, false)
    );
  }

  const args = settings.args.filter((arg) => arg !== '--stdio');
  const serverPath = settings.path.trim();
  if (serverPath) {
    if (await probes.isExecutable(serverPath)) {
      return { kind: 'command', command: serverPath, args, source: 'server.path', notes };
    }
    return {
      kind: 'notFound',
      message: `funcls.server.path is set to "${serverPath}", which is not an executable file.`,
      tried: [`funcls.server.path: ${serverPath} (not an executable file)`],
    };
  }

  const serverPython = settings.pythonPath.trim();
  if (serverPython) {
    if (!(await probes.isExecutable(serverPython))) {
      return {
        kind: 'notFound',
        message: `funcls.server.pythonPath is set to "${serverPython}", which is not an executable file.`,
        tried: [`funcls.server.pythonPath: ${serverPython} (not an executable file)`],
      };
    }
    return { kind: 'command', command: serverPython, args: pythonModuleArgs(args), source: 'server.pythonPath', notes };
  }

  if (settings.importStrategy === 'fromEnvironment' || !bundle) {
    const found = await fromEnvironment(args, context, probes, tried, notes);
    if (found) {
      return found;
    }
    if (bundle) {
      notes.push('funcls.importStrategy is fromEnvironment but no funcls was found there; using the bundled server.');
    }
  }
  return (
    (await bundledCommand(bundle, context.pythonEnv?.executable, args, context, probes, tried, notes)) ??
    notFound(bundle, tried, true)
  );
}

async function fromEnvironment(
  args: string[],
  context: SearchContext,
  probes: Probes,
  tried: string[],
  notes: string[],
): Promise<ServerCommand | undefined> {
  const pythonEnv = context.pythonEnv;
  if (pythonEnv === undefined) {
    tried.push('Python extension: not installed');
  } else if (!pythonEnv.executable) {
    tried.push('Python extension: no active environment');
  } else if (await probes.canImportFuncls(pythonEnv.executable)) {
    return {
      kind: 'command',
      command: pythonEnv.executable,
      args: pythonModuleArgs(args),
      source: 'pythonExtension',
      notes,
    };
  } else {
    tried.push(`Python extension's environment ${pythonEnv.executable}: funcls is not installed there`);
  }
  return fromPath(args, context, probes, tried, notes, false);
}

async function fromPath(
  args: string[],
  context: SearchContext,
  probes: Probes,
  tried: string[],
  notes: string[],
  outsideWorkspaceOnly: boolean,
): Promise<ServerCommand | undefined> {
  const accept = outsideWorkspaceOnly
    ? (dir: string) => isOutsideWorkspace(dir, context.workspaceFolders, context.platform)
    : undefined;
  const onPath = await probes.which('funcls', accept);
  if (onPath) {
    return { kind: 'command', command: onPath, args, source: 'PATH', notes };
  }
  tried.push('PATH: no funcls executable');
  return undefined;
}

async function bundledCommand(
  bundle: Bundle | undefined,
  pythonExtensionInterpreter: string | undefined,
  args: string[],
  context: SearchContext,
  probes: Probes,
  tried: string[],
  notes: string[],
): Promise<ServerCommand | undefined> {
  if (!bundle) {
    tried.push('bundled server: not part of this build of the extension');
    return undefined;
  }
  const candidates: { label: string; path: string }[] = [];
  if (pythonExtensionInterpreter) {
    candidates.push({ label: "the Python extension's interpreter", path: pythonExtensionInterpreter });
  }
  const accept = context.trusted
    ? undefined
    : (dir: string) => isOutsideWorkspace(dir, context.workspaceFolders, context.platform);
  for (const name of pathPythonNames(bundle, context.platform)) {
    const found = await probes.which(name, accept);
    if (found && !candidates.some((candidate) => candidate.path === found)) {
      candidates.push({ label: `${name} on PATH`, path: found });
    }
  }
  if (candidates.length === 0) {
    tried.push('PATH: no python3 or python');
  }
  for (const candidate of candidates) {
    const info = await probes.pythonInfo(candidate.path);
    if (!info) {
      tried.push(`${candidate.label} ${candidate.path}: did not run`);
    } else if (canRunBundle(info, bundle)) {
      return {
        kind: 'command',
        command: candidate.path,
        args: bundledArgs(bundle, args),
        source: 'bundled',
        python: { path: candidate.path, version: info.version },
        notes,
      };
    } else {
      const kind = info.freeThreaded ? ' (free-threaded)' : info.implementation === 'cpython' ? '' : ` (${info.implementation})`;
      const line = `${candidate.label} ${candidate.path} is Python ${info.version}${kind}; the bundled server needs CPython ${versionRange(bundle).replace('Python ', '')}`;
      tried.push(line);
      if (candidate.path === pythonExtensionInterpreter) {
        notes.push(line);
      }
    }
  }
  return undefined;
}

function notFound(bundle: Bundle | undefined, tried: string[], trusted: boolean): ServerNotFound {
  if (bundle) {
    const where = trusted ? 'python3 on PATH, or select one with the Python extension' : 'python3 on PATH';
    return {
      kind: 'notFound',
      message:
        `The funcls server bundled with this extension needs ${versionRange(bundle)} (CPython), and none ` +
        `was found. Install one (${where}), or set funcls.server.path.`,
      tried,
    };
  }
  return {
    kind: 'notFound',
    message:
      'The funcls language server was not found. Install it with "pip install funcls" in the ' +
      "app's environment (or \"pipx install funcls\"), or set funcls.server.path.",
    tried,
  };
}

/** A sentence for the output channel: which server runs and where it comes from. */
export function describeServer(command: ServerCommand, bundle: Bundle | undefined): string {
  switch (command.source) {
    case 'bundled':
      return (
        `the funcls ${bundle?.version ?? ''} bundled with the extension (${bundle?.launcher ?? ''}), ` +
        `run by Python ${command.python?.version ?? '?'} at ${command.python?.path ?? command.command}`
      );
    case 'server.path':
      return `funcls.server.path: ${command.command}`;
    case 'server.pythonPath':
      return `funcls.server.pythonPath: funcls installed for ${command.command}`;
    case 'pythonExtension':
      return `funcls installed in the Python extension's environment ${command.command}`;
    case 'PATH':
      return `funcls on PATH: ${command.command}`;
  }
}

/**
 * `which` over a PATH string, with the file system check injected. Handles Windows' PATHEXT. Folders
 * that `acceptDir` rejects are skipped.
 */
export async function whichOnPath(
  name: string,
  env: { PATH?: string; Path?: string; PATHEXT?: string },
  platform: string,
  isExecutable: (file: string) => Promise<boolean>,
  acceptDir?: (dir: string) => boolean,
): Promise<string | undefined> {
  const windows = platform === 'win32';
  const separator = windows ? ';' : ':';
  const joiner = windows ? '\\' : '/';
  const pathValue = env.PATH ?? env.Path ?? '';
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of pathValue.split(separator)) {
    if (!dir || (acceptDir && !acceptDir(dir))) {
      continue;
    }
    const base = dir.endsWith(joiner) ? dir.slice(0, -1) : dir;
    for (const ext of extensions) {
      const candidate = `${base}${joiner}${name}${ext.toLowerCase()}`;
      if (await isExecutable(candidate)) {
        return candidate;
      }
    }
  }
  return undefined;
}

/** A command line for the output channel, quoting arguments that contain spaces. */
export function describeCommand(command: string, args: readonly string[]): string {
  return [command, ...args].map((part) => (/\s/.test(part) ? JSON.stringify(part) : part)).join(' ');
}

/** The bundle described by bundled/bundle.json's text, or undefined when it is missing or malformed. */
export function parseBundleManifest(text: string | undefined, launcher: string): Bundle | undefined {
  if (!text) {
    return undefined;
  }
  try {
    const data = JSON.parse(text) as { pythons?: unknown; funcls?: unknown };
    const pythons = Array.isArray(data.pythons)
      ? data.pythons.filter((value): value is string => typeof value === 'string' && /^3\.\d+$/.test(value))
      : [];
    if (pythons.length === 0 || typeof data.funcls !== 'string') {
      return undefined;
    }
    return { launcher, pythons, version: data.funcls };
  } catch {
    return undefined;
  }
}
