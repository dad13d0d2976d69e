/**
 * The few parts of the Python extension's API (`ms-python.python`) that funcls uses: the active
 * environment of a workspace folder and its changes. Declared here instead of depending on the API
 * facade package; the names follow the extension's published `environments` API.
 */

import * as vscode from 'vscode';

export const PYTHON_EXTENSION_ID = 'ms-python.python';

interface EnvironmentPath {
  readonly id: string;
  readonly path: string;
}

interface ResolvedEnvironment {
  readonly executable: { readonly uri: vscode.Uri | undefined };
}

interface ActiveEnvironmentPathChangeEvent extends EnvironmentPath {
  readonly resource: vscode.WorkspaceFolder | vscode.Uri | undefined;
}

interface PythonEnvironmentsApi {
  getActiveEnvironmentPath(resource?: vscode.Uri | vscode.WorkspaceFolder): EnvironmentPath;
  resolveEnvironment(environment: EnvironmentPath | string): Promise<ResolvedEnvironment | undefined>;
  readonly onDidChangeActiveEnvironmentPath: vscode.Event<ActiveEnvironmentPathChangeEvent>;
}

interface PythonExtensionApi {
  readonly environments?: PythonEnvironmentsApi;
}

/** The Python extension's environments API, or undefined when it is not installed or has none. */
export async function getPythonEnvironments(
  log: vscode.LogOutputChannel,
): Promise<PythonEnvironmentsApi | undefined> {
  const extension = vscode.extensions.getExtension<PythonExtensionApi>(PYTHON_EXTENSION_ID);
  if (!extension) {
    return undefined;
  }
  try {
    const api = extension.isActive ? extension.exports : await extension.activate();
    return api?.environments;
  } catch (error) {
    log.warn(`The Python extension did not activate: ${String(error)}`);
    return undefined;
  }
}

/**
 * The interpreter of the active environment for `resource`; `null` when the Python extension is
 * installed but reports none, `undefined` when the extension is absent.
 */
export async function activeInterpreter(
  environments: PythonEnvironmentsApi | undefined,
  resource: vscode.Uri | undefined,
  log: vscode.LogOutputChannel,
): Promise<string | null | undefined> {
  if (!environments) {
    return undefined;
  }
  try {
    const active = environments.getActiveEnvironmentPath(resource);
    const resolved = await environments.resolveEnvironment(active);
    return resolved?.executable.uri?.fsPath ?? null;
  } catch (error) {
    log.warn(`Could not resolve the Python extension's active environment: ${String(error)}`);
    return null;
  }
}

export function onDidChangeActiveEnvironment(
  environments: PythonEnvironmentsApi | undefined,
  listener: () => void,
): vscode.Disposable | undefined {
  return environments?.onDidChangeActiveEnvironmentPath(() => listener());
}
