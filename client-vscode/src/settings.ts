/**
 * Reading the `funcls` settings and turning them into what the server receives.
 *
 * The server reads the section `funcls` through `workspace/configuration` and accepts the same shape,
 * without `server` and `trace`, as `initializationOptions`. Nothing here imports VS Code.
 */

import type { ImportStrategy, ServerSettings } from './serverCommand';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'off';

const SEVERITY_NAMES: ReadonlySet<string> = new Set(['error', 'warning', 'information', 'hint', 'off']);

export const DEFAULT_DEBOUNCE_MS = 150;

export interface DiagnosticsOptions {
  debounceMs: number;
  severity: Record<string, SeverityName>;
  schemaValidation: boolean;
}

/** The analysis options the server takes, as `initializationOptions` and as the `funcls` section. */
export interface InitializationOptions {
  /** The app's interpreter; omitted when none is known, so the server looks for one itself. */
  pythonPath?: string;
  diagnostics: DiagnosticsOptions;
}

/** The only thing read from VS Code: `get(key)` of the `funcls` configuration section. */
export interface ConfigurationReader {
  get(key: string): unknown;
}

export interface PathContext {
  home: string;
  /** The first workspace folder's path, for `${workspaceFolder}`. */
  workspaceFolder: string | undefined;
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/** Expand `~`, `${userHome}` and `${workspaceFolder}` in a path taken from settings. */
export function expandPath(value: string, context: PathContext): string {
  let result = value.trim();
  if (!result) {
    return '';
  }
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) {
    result = context.home + result.slice(1);
  }
  result = result.replace(/\$\{userHome\}/g, context.home);
  if (context.workspaceFolder !== undefined) {
    result = result.replace(/\$\{workspaceFolder\}/g, context.workspaceFolder);
  }
  return result;
}

/** The server settings; in an untrusted workspace all of them are ignored (the defaults are returned). */
export function readServerSettings(config: ConfigurationReader, context: PathContext, trusted: boolean): ServerSettings {
  if (!trusted) {
    return { path: '', pythonPath: '', args: [], importStrategy: 'useBundled' };
  }
  const rawArgs = config.get('server.args');
  const args = Array.isArray(rawArgs) ? rawArgs.filter((arg): arg is string => typeof arg === 'string') : [];
  const strategy = config.get('importStrategy');
  const importStrategy: ImportStrategy = strategy === 'fromEnvironment' ? 'fromEnvironment' : 'useBundled';
  return {
    path: expandPath(asString(config.get('server.path')), context),
    pythonPath: expandPath(asString(config.get('server.pythonPath')), context),
    args,
    importStrategy,
  };
}

/** Keep only known severity names (case-insensitive), dropping anything else with no error. */
export function normaliseSeverity(value: unknown): Record<string, SeverityName> {
  const result: Record<string, SeverityName> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return result;
  }
  for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
    if (typeof level !== 'string') {
      continue;
    }
    const name = level.trim().toLowerCase();
    if (SEVERITY_NAMES.has(name)) {
      result[code.trim()] = name as SeverityName;
    }
  }
  return result;
}

export function readDiagnosticsOptions(config: ConfigurationReader): DiagnosticsOptions {
  const debounce = config.get('diagnostics.debounceMs');
  const schemaValidation = config.get('diagnostics.schemaValidation');
  return {
    debounceMs:
      typeof debounce === 'number' && Number.isFinite(debounce) && debounce >= 0
        ? Math.round(debounce)
        : DEFAULT_DEBOUNCE_MS,
    severity: normaliseSeverity(config.get('diagnostics.severity')),
    schemaValidation: typeof schemaValidation === 'boolean' ? schemaValidation : true,
  };
}

/**
 * The app's interpreter: `funcls.pythonPath` when set, else the Python extension's active environment.
 */
export function choosePythonPath(
  configured: string,
  pythonExtensionInterpreter: string | undefined,
): string | undefined {
  if (configured) {
    return configured;
  }
  return pythonExtensionInterpreter || undefined;
}

/**
 * The server's `initializationOptions`. In an untrusted workspace no `pythonPath` is sent (the server
 * would run that interpreter to learn its sys.path); the server then reads a `.venv` from disk only.
 */
export function buildInitializationOptions(
  config: ConfigurationReader,
  context: PathContext,
  pythonExtensionInterpreter: string | undefined,
  trusted: boolean,
): InitializationOptions {
  const options: InitializationOptions = { diagnostics: readDiagnosticsOptions(config) };
  const pythonPath = trusted
    ? choosePythonPath(expandPath(asString(config.get('pythonPath')), context), pythonExtensionInterpreter)
    : undefined;
  if (pythonPath !== undefined) {
    options.pythonPath = pythonPath;
  }
  return options;
}

/**
 * Adjust one `funcls` section answered to `workspace/configuration`: drop the client-only keys, expand
 * paths, and fill an empty `pythonPath` with the interpreter the Python extension reports, so the
 * server sees the same interpreter as in `initializationOptions`. In an untrusted workspace
 * `pythonPath` is removed, whatever the settings say.
 */
export function patchConfigurationSection(
  section: unknown,
  context: PathContext,
  pythonExtensionInterpreter: string | undefined,
  trusted: boolean,
): unknown {
  if (section === null || typeof section !== 'object' || Array.isArray(section)) {
    return section;
  }
  const { server: _server, trace: _trace, importStrategy: _strategy, ...rest } = section as Record<string, unknown>;
  const pythonPath = trusted
    ? choosePythonPath(expandPath(asString(rest.pythonPath), context), pythonExtensionInterpreter)
    : undefined;
  if (pythonPath === undefined) {
    delete rest.pythonPath;
  } else {
    rest.pythonPath = pythonPath;
  }
  return rest;
}

/** Settings whose change needs a new server process (the command line or the analysed interpreter). */
export const RESTART_SECTIONS: readonly string[] = ['funcls.server', 'funcls.pythonPath', 'funcls.importStrategy'];
