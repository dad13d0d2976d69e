import { execFile } from 'node:child_process';
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  CloseAction,
  type CloseHandlerResult,
  type DocumentSelector,
  ErrorAction,
  type ErrorHandler,
  type ErrorHandlerResult,
  type Executable,
  LanguageClient,
  type LanguageClientOptions,
  type Message,
  TransportKind,
} from 'vscode-languageclient/node';

import { activeInterpreter, getPythonEnvironments, onDidChangeActiveEnvironment } from './python';
import { RestartPolicy } from './restartPolicy';
import {
  type Bundle,
  describeCommand,
  describeServer,
  parseBundleManifest,
  parsePythonInfo,
  type Probes,
  PYTHON_INFO_SCRIPT,
  type PythonEnvironment,
  type PythonInfo,
  resolveServerCommand,
  whichOnPath,
} from './serverCommand';
import {
  buildInitializationOptions,
  type PathContext,
  patchConfigurationSection,
  readServerSettings,
  RESTART_SECTIONS,
} from './settings';

const CLIENT_ID = 'funcls';
const CLIENT_NAME = 'funcls';
const INSTALL_TITLE = 'Install funcls';

const DOCUMENT_SELECTOR: DocumentSelector = [
  { scheme: 'file', pattern: '**/function.json' },
  { scheme: 'file', pattern: '**/host.json' },
  { scheme: 'file', pattern: '**/local.settings.json' },
  { scheme: 'file', pattern: '**/requirements.txt' },
  { scheme: 'file', pattern: '**/.funcignore' },
  { scheme: 'file', pattern: '**/extensions.csproj' },
  { scheme: 'file', language: 'python' },
];

async function isExecutable(file: string): Promise<boolean> {
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) {
      return false;
    }
    if (process.platform === 'win32') {
      return true;
    }
    await fs.access(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function canImportFuncls(python: string): Promise<boolean> {
  return new Promise((resolve) => {
    execFile(python, ['-c', 'import funcls'], { timeout: 15_000, windowsHide: true }, (error) =>
      resolve(error === null),
    );
  });
}

/** Version of an interpreter, asked in isolated mode from the home folder (never the workspace). */
function pythonInfo(python: string): Promise<PythonInfo | undefined> {
  return new Promise((resolve) => {
    execFile(
      python,
      ['-I', '-c', PYTHON_INFO_SCRIPT],
      { timeout: 15_000, windowsHide: true, cwd: os.homedir() },
      (error, stdout) => resolve(error ? undefined : parsePythonInfo(String(stdout))),
    );
  });
}

const probes: Probes = {
  isExecutable,
  canImportFuncls,
  which: (name, acceptDir) => whichOnPath(name, process.env, process.platform, isExecutable, acceptDir),
  pythonInfo,
};

/** The server this extension carries, described by bundled/bundle.json (absent in development builds). */
async function loadBundle(extensionPath: string): Promise<Bundle | undefined> {
  const bundled = path.join(extensionPath, 'bundled');
  const text = await fs.readFile(path.join(bundled, 'bundle.json'), 'utf8').catch(() => undefined);
  return parseBundleManifest(text, path.join(bundled, 'tool', 'server.py'));
}

function pathContext(): PathContext {
  return { home: os.homedir(), workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath };
}

/** Owns the language client: starting, restarting on setting changes, and giving up on crash loops. */
class ServerController implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private environments: Awaited<ReturnType<typeof getPythonEnvironments>>;
  private queue: Promise<void> = Promise.resolve();
  private restartTimer: NodeJS.Timeout | undefined;
  private readonly crashes = new RestartPolicy();
  private readonly disposables: vscode.Disposable[] = [];

  private environmentsLoaded = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly bundle: Bundle | undefined,
  ) {}

  async initialise(): Promise<void> {
    this.disposables.push(
      vscode.workspace.onDidGrantWorkspaceTrust(() => {
        this.log.info('The workspace is now trusted; restarting the server with the funcls settings.');
        this.scheduleRestart();
      }),
    );
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (RESTART_SECTIONS.some((section) => event.affectsConfiguration(section))) {
          this.log.info('funcls server settings changed; restarting the server.');
          this.scheduleRestart();
        }
      }),
    );
  }

  /** Run start/stop steps one after the other, never interleaved. */
  private enqueue(step: () => Promise<void>): Promise<void> {
    this.queue = this.queue.then(step).catch((error: unknown) => {
      this.log.error(`funcls: ${String(error)}`);
    });
    return this.queue;
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  restart(): Promise<void> {
    this.crashes.reset();
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  private scheduleRestart(): void {
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
    }
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void this.restart();
    }, 300);
  }

  /** The Python extension's API, asked for only in trusted workspaces (its choice is not used otherwise). */
  private async loadEnvironments(): Promise<void> {
    if (this.environmentsLoaded) {
      return;
    }
    this.environmentsLoaded = true;
    this.environments = await getPythonEnvironments(this.log);
    const listener = onDidChangeActiveEnvironment(this.environments, () => {
      this.log.info('The Python extension changed the active environment; restarting the server.');
      this.scheduleRestart();
    });
    if (listener) {
      this.disposables.push(listener);
    }
  }

  private async appInterpreter(): Promise<string | null | undefined> {
    await this.loadEnvironments();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    return activeInterpreter(this.environments, folder, this.log);
  }

  private async doStart(): Promise<void> {
    const config = vscode.workspace.getConfiguration('funcls');
    const context = pathContext();
    const trusted = vscode.workspace.isTrusted;
    const interpreter = trusted ? await this.appInterpreter() : undefined;
    const pythonEnv: PythonEnvironment | undefined =
      interpreter === undefined ? undefined : { executable: interpreter ?? undefined };

    const resolution = await resolveServerCommand(
      readServerSettings(config, context, trusted),
      {
        trusted,
        pythonEnv,
        bundle: this.bundle,
        workspaceFolders: (vscode.workspace.workspaceFolders ?? []).map((folder) => folder.uri.fsPath),
        platform: process.platform,
      },
      probes,
    );
    if (resolution.kind === 'notFound') {
      this.log.error(resolution.message);
      for (const line of resolution.tried) {
        this.log.error(`  tried ${line}`);
      }
      void this.showNotFound(resolution.message);
      return;
    }

    const initializationOptions = buildInitializationOptions(config, context, interpreter ?? undefined, trusted);
    for (const note of resolution.notes) {
      this.log.info(note);
    }
    const described = describeServer(resolution, this.bundle);
    this.log.info(`Starting ${describeCommand(resolution.command, [...resolution.args, '--stdio'])} (${described})`);
    this.log.info(`Analysing with interpreter: ${initializationOptions.pythonPath ?? '(none given; the server chooses)'}`);

    const executable: Executable = {
      command: resolution.command,
      args: resolution.args,
      transport: TransportKind.stdio,
      options: { cwd: context.workspaceFolder, env: { ...process.env } },
    };
    const appInterpreter = interpreter ?? undefined;
    const clientOptions: LanguageClientOptions = {
      documentSelector: DOCUMENT_SELECTOR,
      outputChannel: this.log,
      traceOutputChannel: this.log,
      initializationOptions,
      // No `synchronize.configurationSection`: the server registers for configuration changes itself and
      // then pulls the `funcls` section, which the middleware below completes (expanded paths, the
      // Python extension's interpreter). A pushed section would carry the raw values.
      errorHandler: this.errorHandler(() => running),
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const result = await next(params, token);
            if (!Array.isArray(result)) {
              return result;
            }
            return result.map((value: unknown, index: number) =>
              params.items[index]?.section === 'funcls'
                ? patchConfigurationSection(value, pathContext(), appInterpreter, vscode.workspace.isTrusted)
                : value,
            );
          },
        },
      },
    };

    // Until initialize has succeeded, a failure is reported once by the catch below, not restarted.
    let running = false;
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, executable, clientOptions);
    this.client = client;
    try {
      await client.start();
      running = true;
      const info = client.initializeResult?.serverInfo;
      this.log.info(`${`Connected to ${info?.name ?? 'the server'} ${info?.version ?? ''}`.trimEnd()}: ${described}`);
    } catch (error) {
      this.client = undefined;
      this.log.error(`The funcls server failed to start: ${errorText(error)}`);
      try {
        await client.dispose(2000);
      } catch {
        // The process is already gone.
      }
      void this.showStartFailure(errorText(error));
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) {
      return;
    }
    try {
      await client.stop(3000);
    } catch (error) {
      this.log.warn(`Stopping the server: ${errorText(error)}`);
    }
  }

  private errorHandler(running: () => boolean): ErrorHandler {
    return {
      error: (_error: Error, _message: Message | undefined, count: number | undefined): ErrorHandlerResult => {
        if (!running()) {
          return { action: ErrorAction.Continue, handled: true };
        }
        return count !== undefined && count <= 3 ? { action: ErrorAction.Continue } : { action: ErrorAction.Shutdown };
      },
      closed: (): CloseHandlerResult => {
        if (!running()) {
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        if (this.crashes.shouldRestart(Date.now())) {
          this.log.warn('The funcls server stopped unexpectedly; starting it again.');
          return { action: CloseAction.Restart, handled: true };
        }
        const message = `The funcls server stopped unexpectedly ${this.crashes.recentCrashes} times in a few minutes and will not be started again.`;
        this.log.error(message);
        void this.showCrashLoop(message);
        return { action: CloseAction.DoNotRestart, handled: true };
      },
    };
  }

  private async showNotFound(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Show output', 'Open settings', 'How to install');
    if (choice === 'Show output') {
      this.log.show();
    } else if (choice === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'funcls.server');
    } else if (choice === 'How to install') {
      await showInstallHelp(this.bundle);
    }
  }

  private async showStartFailure(reason: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(
      `The funcls server failed to start (${reason}). Its messages are in the funcls output.`,
      'Show output',
      'Open settings',
      'How to install',
    );
    if (choice === 'Show output') {
      this.log.show();
    } else if (choice === 'Open settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'funcls.server');
    } else if (choice === 'How to install') {
      await showInstallHelp(this.bundle);
    }
  }

  private async showCrashLoop(message: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(message, 'Show output', 'Restart server');
    if (choice === 'Show output') {
      this.log.show();
    } else if (choice === 'Restart server') {
      await this.restart();
    }
  }

  dispose(): void {
    if (this.restartTimer) {
      clearTimeout(this.restartTimer);
    }
    for (const disposable of this.disposables) {
      disposable.dispose();
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function showInstallHelp(bundle: Bundle | undefined): Promise<void> {
  if (bundle) {
    const first = bundle.pythons[0] ?? '3.10';
    const last = bundle.pythons[bundle.pythons.length - 1] ?? first;
    await vscode.window.showInformationMessage('Python for funcls', {
      modal: true,
      detail:
        `The extension carries the funcls server; it runs it with Python ${first} to ${last} (CPython): the ` +
        'interpreter selected in the Python extension, or python3 on PATH. Install one of these versions ' +
        '(python.org, your package manager, or pyenv), then run "funcls: Restart server".',
    });
    return;
  }
  const choice = await vscode.window.showInformationMessage(
    INSTALL_TITLE,
    {
      modal: true,
      detail:
        "Install the server into your Functions app's Python environment:\n\n" +
        '    pip install funcls\n\n' +
        'or once for your user with pipx:\n\n' +
        '    pipx install funcls\n\n' +
        'Then run "funcls: Restart server". To use a particular installation, set ' +
        'funcls.server.path (the funcls executable) or funcls.server.pythonPath (a Python that has funcls).',
    },
    'Copy "pip install funcls"',
    'Open settings',
  );
  if (choice === 'Copy "pip install funcls"') {
    await vscode.env.clipboard.writeText('pip install funcls');
  } else if (choice === 'Open settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', 'funcls.server');
  }
}

let controller: ServerController | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const log = vscode.window.createOutputChannel('funcls', { log: true });
  const current = new ServerController(log, await loadBundle(context.extensionPath));
  controller = current;
  context.subscriptions.push(
    log,
    current,
    vscode.commands.registerCommand('funcls.restartServer', () => current.restart()),
    vscode.commands.registerCommand('funcls.showOutput', () => log.show()),
  );
  await current.initialise();
  // Not awaited: activation does not wait for the server's initialize; failures are reported by start().
  void current.start();
}

export async function deactivate(): Promise<void> {
  await controller?.stop();
  controller = undefined;
}
