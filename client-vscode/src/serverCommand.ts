/**
 * Finding the funcls server to start.
 *
 * Everything here is plain data in, plain data out: the file system and process probes are passed in,
 * so the order of the search is unit-tested without VS Code.
 */

/** The `funcls.server.*` settings. Empty strings mean "not set". */
export interface ServerSettings {
  path: string;
  pythonPath: string;
  args: string[];
}

/** What the Python extension reports as the active environment of the workspace, if it is installed. */
export interface PythonEnvironment {
  /** The environment's interpreter, or undefined when it has none resolved. */
  executable: string | undefined;
}

/** Side effects the search needs, injected so tests can fake them. */
export interface Probes {
  /** True when `file` exists and can be executed. */
  isExecutable(file: string): Promise<boolean>;
  /** True when `python -c "import funcls"` succeeds. */
  canImportFuncls(python: string): Promise<boolean>;
  /** The full path of `name` on PATH, or undefined. */
  which(name: string): Promise<string | undefined>;
}

export type ServerSource = 'server.path' | 'server.pythonPath' | 'pythonExtension' | 'PATH';

export interface ServerCommand {
  kind: 'command';
  command: string;
  args: string[];
  source: ServerSource;
}

export interface ServerNotFound {
  kind: 'notFound';
  /** A sentence for the user; names what was tried. */
  message: string;
  /** One line per place that was looked at, for the output channel. */
  tried: string[];
}

export type Resolution = ServerCommand | ServerNotFound;

/** The command line that is run for a `python -m funcls` start. */
export function pythonModuleArgs(extra: readonly string[]): string[] {
  return ['-m', 'funcls', ...extra];
}

/**
 * Decide how to start the server, in this order:
 * 1. `funcls.server.path`: that executable, with `funcls.server.args`;
 * 2. `funcls.server.pythonPath`: `<python> -m funcls`;
 * 3. the Python extension's active environment, when funcls is importable there;
 * 4. `funcls` on PATH.
 *
 * A setting that is set but unusable is reported as such instead of silently falling through, so a
 * typo in a path is not hidden by another funcls found later. `--stdio` is not added here: the
 * language client appends it for the stdio transport.
 */
export async function resolveServerCommand(
  settings: ServerSettings,
  pythonEnv: PythonEnvironment | undefined,
  probes: Probes,
): Promise<Resolution> {
  const args = settings.args.filter((arg) => arg !== '--stdio');
  const tried: string[] = [];

  const serverPath = settings.path.trim();
  if (serverPath) {
    if (await probes.isExecutable(serverPath)) {
      return { kind: 'command', command: serverPath, args, source: 'server.path' };
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
    return {
      kind: 'command',
      command: serverPython,
      args: pythonModuleArgs(args),
      source: 'server.pythonPath',
    };
  }

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
    };
  } else {
    tried.push(`Python extension's environment ${pythonEnv.executable}: funcls is not installed there`);
  }

  const onPath = await probes.which('funcls');
  if (onPath) {
    return { kind: 'command', command: onPath, args, source: 'PATH' };
  }
  tried.push('PATH: no funcls executable');

  return {
    kind: 'notFound',
    message:
      'The funcls language server was not found. Install it with "pip install funcls" in the ' +
      "app's environment (or \"pipx install funcls\"), or set funcls.server.path.",
    tried,
  };
}

/** `which` over a PATH string, with the file system check injected. Handles Windows' PATHEXT. */
export async function whichOnPath(
  name: string,
  env: { PATH?: string; Path?: string; PATHEXT?: string },
  platform: string,
  isExecutable: (file: string) => Promise<boolean>,
): Promise<string | undefined> {
  const windows = platform === 'win32';
  const separator = windows ? ';' : ':';
  const joiner = windows ? '\\' : '/';
  const pathValue = env.PATH ?? env.Path ?? '';
  const extensions = windows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of pathValue.split(separator)) {
    if (!dir) {
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
