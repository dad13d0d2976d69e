// Drives VS Code (code-server) in headless Chromium and checks what a user of the funcls extension sees:
//   1. the funcls language server starts (the "funcls" output channel shows the connection);
//   2. a wrong "authLevel" in function.json shows a funcls problem in the Problems panel;
//   3. completion inside `"type": ""` offers binding types such as httpTrigger;
//   4. the Problems panel lists the error of NightlyJob/function.json, a file nobody opened;
//   5. in the bundled scenario, a v2 app (FUNCLS_E2E_V2_APP, opened next in the same code-server):
//      the decorator argument's problem, hover on a decorator, go to definition (F12) from
//      arg_name="msg" to the parameter, and rename (F2) from arg_name.
// With FUNCLS_E2E_SCENARIO (bundled, restricted), also that the server running is the one bundled
// with the extension, run by one of FUNCLS_E2E_EXPECT_PYTHON (paths separated by ':'); and in the
// restricted scenario, that the extension knows the workspace is untrusted and that the trap
// program named by the workspace and user settings never ran (FUNCLS_E2E_TRAP_MARKER is the file
// it would write).
// Started by run.sh, which passes everything through FUNCLS_E2E_* variables. Writes screenshots and
// result.json into FUNCLS_E2E_ARTIFACTS; exits 0 only when every check passed.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) {
    throw new Error(`${name} is not set (run tests/editors/vscode/run.sh)`);
  }
  return value;
};

const URL_BASE = env('FUNCLS_E2E_URL');
const APP = env('FUNCLS_E2E_APP');
const ARTIFACTS = env('FUNCLS_E2E_ARTIFACTS');
const BROWSER_PIDFILE = env('FUNCLS_E2E_BROWSER_PIDFILE');
const CHROMIUM = process.env.FUNCLS_E2E_CHROMIUM || '/usr/bin/chromium';
const USER_DATA = env('FUNCLS_E2E_USER_DATA');
const FUNCTION_JSON = 'HttpTrigger/function.json';
const SCENARIO = process.env.FUNCLS_E2E_SCENARIO || '';
const EXPECT_PYTHON = process.env.FUNCLS_E2E_EXPECT_PYTHON || '';
const TRAP_MARKER = process.env.FUNCLS_E2E_TRAP_MARKER || '';
const V2_APP = process.env.FUNCLS_E2E_V2_APP || '';

// playwright-core lives in the editors cache, not in the repository.
const require = createRequire(join(env('FUNCLS_E2E_NODE_MODULES'), 'package.json'));
const { chromium } = require('playwright-core');

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;
const say = (message) => process.stderr.write(`[e2e ${elapsed()}] ${message}\n`);

// A hard stop, whatever hangs: run.sh also wraps this process in `timeout`.
const deadline = setTimeout(() => {
  say('driver deadline reached');
  finish(2);
}, 300_000);

mkdirSync(ARTIFACTS, { recursive: true });
const checks = [];
const consoleLines = [];
let server;
let browser;
let page;

function record(name, ok, detail = '') {
  checks.push({ name, ok, detail });
  say(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

async function screenshot(page, name) {
  try {
    await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), timeout: 15_000 });
  } catch (error) {
    say(`screenshot ${name} failed: ${error.message}`);
  }
}

let finishing = false;
async function finish(code) {
  if (finishing) {
    return;
  }
  finishing = true;
  clearTimeout(deadline);
  writeFileSync(join(ARTIFACTS, 'result.json'), JSON.stringify({ checks, seconds: (Date.now() - started) / 1000 }, null, 2));
  writeFileSync(join(ARTIFACTS, 'browser-console.log'), consoleLines.join('\n') + '\n');
  const close = async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
  };
  await Promise.race([close(), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  process.exit(code);
}

/** Run a command from the command palette by its title. */
async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/** Open a file of the workspace through Quick Open (Ctrl+P). */
async function openFile(page, relativePath) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(relativePath);
  const name = relativePath.split('/').pop();
  await page
    .locator('.quick-input-list .monaco-list-row', { hasText: name })
    .first()
    .waitFor({ state: 'visible', timeout: 20_000 });
  await page.keyboard.press('Enter');
  await page
    .locator('.tabs-container .tab.active', { hasText: name })
    .waitFor({ state: 'visible', timeout: 20_000 });
}

/** Visible text of the active editor (Monaco renders only the visible lines). */
async function editorText(page, scope = '.editor-instance') {
  return page.locator(`${scope} .view-lines`).first().innerText({ timeout: 5_000 }).catch(() => '');
}

/** The text of the funcls output channel in the profile: logs/SESSION/exthostN/funcls.funcls/funcls.log. */
function readOutputChannelLog() {
  const logs = join(USER_DATA, 'logs');
  const texts = [];
  for (const session of readdirSync(logs, { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
    for (const host of readdirSync(join(logs, session.name)).filter((name) => name.startsWith('exthost'))) {
      const file = join(logs, session.name, host, 'funcls.funcls', 'funcls.log');
      if (existsSync(file)) {
        texts.push(readFileSync(file, 'utf8'));
      }
    }
  }
  return texts.join('\n');
}

/** Poll `probe` until it returns a truthy value or `ms` pass. */
async function poll(probe, ms, every = 500) {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value || Date.now() > end) {
      return value;
    }
    await new Promise((resolve) => setTimeout(resolve, every));
  }
}

async function main() {
  server = await chromium.launchServer({
    executablePath: CHROMIUM,
    headless: true,
    timeout: 60_000,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const pid = server.process()?.pid;
  if (pid) {
    writeFileSync(BROWSER_PIDFILE, String(pid));
  }
  browser = await chromium.connect(server.wsEndpoint(), { timeout: 30_000 });
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (message) => consoleLines.push(`[${message.type()}] ${message.text()}`));
  page.on('pageerror', (error) => consoleLines.push(`[pageerror] ${error.message}`));

  const url = `${URL_BASE}?folder=${encodeURIComponent(APP)}`;
  say(`opening ${url}`);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await page.locator('.explorer-folders-view, .explorer-viewlet').first().waitFor({ state: 'visible', timeout: 60_000 }).catch(() => {});
  say('workbench loaded');
  await screenshot(page, '00-workbench');

  // --- open function.json --------------------------------------------------------------------------
  await openFile(page, FUNCTION_JSON);
  say(`opened ${FUNCTION_JSON}`);

  // --- 1. the server starts ------------------------------------------------------------------------
  // The "funcls" LogOutputChannel is also written to the profile's log folder; read it there (the
  // panel only renders the lines in view) and show the panel for the screenshot.
  const outputLog = await poll(async () => {
    const text = readOutputChannelLog();
    return /Connected to|failed to start|not found|not an executable/.test(text) ? text : '';
  }, 60_000);
  const connectedLine = outputLog.split('\n').find((text) => text.includes('Connected to'));
  record(
    'funcls server starts (funcls output channel)',
    Boolean(connectedLine),
    connectedLine
      ? connectedLine.replace(/^.*Connected to/, 'Connected to')
      : (outputLog.split('\n').find((text) => /failed to start|not found|not an executable/.test(text)) ??
          'no connection line within 60 s'),
  );
  if (SCENARIO) {
    await checkBundledServer(outputLog);
  }
  await runCommand(page, 'funcls: Show output');
  await page.waitForTimeout(1_000);
  await screenshot(page, '01-output');

  // --- 2. diagnostics in the Problems panel -------------------------------------------------------
  const source = readFileSync(join(APP, FUNCTION_JSON), 'utf8').split('\n');
  const authLine = source.findIndex((text) => text.includes('"authLevel": "nobody"'));
  await page.keyboard.press('Control+Shift+M');
  const problems = page.locator('.markers-panel');
  await problems.waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
  // The panel's filter box must be empty, or it hides the rows this step looks for.
  const problemsFilter = page.locator('.part.panel input[placeholder^="Filter"]:visible').first();
  await problemsFilter.fill('', { timeout: 5_000 }).catch(() => {});
  const funclsRow = await poll(async () => {
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
    // A marker row reads "<message> funcls(<code>) [Ln 5, Col 21]"; file rows have no position.
    return rows
      .map((row) => row.replace(/\s+/g, ' ').trim())
      .find((row) => /\bfuncls\b/.test(row) && row.includes(`[Ln ${authLine + 1},`)) ?? '';
  }, 60_000);
  record(
    'funcls diagnostic for "authLevel": "nobody" in the Problems panel',
    Boolean(funclsRow),
    funclsRow || 'no problem with source funcls on the authLevel line within 60 s',
  );
  await screenshot(page, '02-problems');

  // --- 4. a file nobody opened: its problems are in the panel too (workspace diagnostics) ----------
  const unopenedRow = await poll(async () => {
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
    return rows
      .map((row) => row.replace(/\s+/g, ' ').trim())
      .find((row) => /\bfuncls\b/.test(row) && row.includes('five-field') && row.includes('[Ln 7,')) ?? '';
  }, 60_000);
  const tabs = await page.locator('.tabs-container .tab').allInnerTexts().catch(() => []);
  record(
    'Problems panel lists the error of the unopened NightlyJob/function.json',
    Boolean(unopenedRow) && !tabs.some((tab) => tab.includes('NightlyJob')),
    unopenedRow ? `${unopenedRow.slice(0, 120)}; open tabs: ${tabs.map((t) => t.replace(/\s+/g, ' ')).join(' | ')}` : 'no funcls FUNC130 row within 60 s',
  );
  await screenshot(page, '02b-problems-unopened');

  // --- 3. completion of binding types -------------------------------------------------------------
  const line = source.findIndex((text) => /"type":\s*"httpTrigger"/.test(text));
  const column = source[line].indexOf('"httpTrigger"') + 2; // 1-based column just inside the quotes
  // Focus the editor of function.json (the first editor group), then go to line:column.
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+G');
  const gotoInput = page.locator('.quick-input-widget input');
  await gotoInput.waitFor({ state: 'visible', timeout: 10_000 });
  await gotoInput.fill(`:${line + 1}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
  for (let i = 0; i < 'httpTrigger'.length; i += 1) {
    await page.keyboard.press('Delete');
  }
  const emptied = await poll(async () => /"type":\s*""/.test(await editorText(page)), 5_000, 200);
  if (!emptied) {
    record('completion in "type": "" offers httpTrigger', false, 'could not empty the "type" value in the editor');
    await screenshot(page, '03-completion');
    return 1;
  }
  const suggestLabels = () =>
    page
      .locator('.suggest-widget.visible .monaco-list-row .label-name')
      .allInnerTexts()
      .then((rows) => rows.map((row) => row.trim()), () => []);
  const isTriggerType = (label) => /^[a-zA-Z]+Trigger$/.test(label);
  let shown = [];
  for (let attempt = 0; attempt < 3 && !shown.some(isTriggerType); attempt += 1) {
    await page.keyboard.press('Control+Space');
    shown =
      (await poll(async () => {
        const rows = await suggestLabels();
        return rows.some(isTriggerType) ? rows : null;
      }, 15_000)) ?? (await suggestLabels());
    if (!shown.some(isTriggerType)) {
      await page.keyboard.press('Escape');
      await page.waitForTimeout(1_000);
    }
  }
  await screenshot(page, '03-completion');
  // The list of binding types is long and only its first rows are rendered: narrow it as a user
  // would, by typing, and look for httpTrigger.
  let filtered = [];
  if (shown.length) {
    await page.keyboard.type('httpT', { delay: 50 });
    filtered =
      (await poll(async () => {
        const rows = await suggestLabels();
        return rows.includes('httpTrigger') ? rows : null;
      }, 10_000)) ?? (await suggestLabels());
    await screenshot(page, '04-completion-filtered');
  }
  const offered = shown.includes('httpTrigger') || filtered.includes('httpTrigger');
  record(
    'completion in "type": "" offers binding types (httpTrigger)',
    offered,
    shown.length
      ? `shown: ${shown.slice(0, 6).join(', ')}, ...; after typing "httpT": ${filtered.join(', ') || 'nothing'}`
      : 'no suggestions shown',
  );
  await page.keyboard.press('Escape');

  if (V2_APP && SCENARIO !== 'restricted') {
    await checkV2(page.context());
  }

  if (SCENARIO === 'restricted') {
    const ran = TRAP_MARKER && existsSync(TRAP_MARKER) ? readFileSync(TRAP_MARKER, 'utf8').trim() : '';
    record(
      'Restricted Mode: no program named by the workspace or user settings ran',
      Boolean(TRAP_MARKER) && !ran,
      TRAP_MARKER ? ran || 'the trap left no marker' : 'FUNCLS_E2E_TRAP_MARKER is not set',
    );
  }

  return checks.every((check) => check.ok) ? 0 : 1;
}

/** Go to a 1-based line and column of the active editor (Ctrl+G). */
async function goTo(line, column) {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 }).catch(() => {});
}

/** The 1-based line and column of the first `needle` in `lines`, plus `shift` columns. */
function positionOf(lines, needle, shift = 0) {
  const line = lines.findIndex((text) => text.includes(needle));
  if (line < 0) {
    throw new Error(`the v2 fixture changed: no ${needle}`);
  }
  return { line: line + 1, column: lines[line].indexOf(needle) + 1 + shift };
}

/** "Ln 11, Col 13" from the status bar. */
async function cursorPosition() {
  return page
    .locator('[id="status.editor.selection"]')
    .first()
    .innerText({ timeout: 5_000 })
    .then((text) => text.replace(/\s+/g, ' ').trim(), () => '');
}

/** 5. The v2 app in a new window of the same code-server: problem, hover, definition, rename. */
async function checkV2(context) {
  await page.close().catch(() => {});
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
  page.on('console', (message) => consoleLines.push(`[v2 ${message.type()}] ${message.text()}`));
  await page.goto(`${URL_BASE}?folder=${encodeURIComponent(V2_APP)}`, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
  await openFile(page, 'function_app.py');
  say('opened the v2 app\'s function_app.py');
  const lines = readFileSync(join(V2_APP, 'function_app.py'), 'utf8').split('\n');
  const schedule = positionOf(lines, '"0 2 * * *"');

  await page.keyboard.press('Control+Shift+M');
  await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 }).catch(() => {});
  const row = await poll(async () => {
    const rows = await page.locator('.markers-panel .monaco-list-row').allInnerTexts().catch(() => []);
    return rows
      .map((text) => text.replace(/\s+/g, ' ').trim())
      .find((text) => /\bfuncls\b/.test(text) && text.includes('five-field') && text.includes(`[Ln ${schedule.line},`)) ?? '';
  }, 60_000);
  record('v2: the five-field schedule argument\'s problem in the Problems panel', Boolean(row),
    row ? row.slice(0, 120) : `no funcls row on line ${schedule.line} within 60 s`);
  await screenshot(page, '05-v2-problems');

  await page.keyboard.press('Control+1');
  const decorator = positionOf(lines, 'queue_trigger(', 3);
  await goTo(decorator.line, decorator.column);
  let hoverText = '';
  for (let attempt = 0; attempt < 3 && !hoverText.includes('queueTrigger'); attempt += 1) {
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    hoverText = (await poll(async () => {
      const text = await page.locator('.monaco-hover-content').first().innerText({ timeout: 2_000 }).catch(() => '');
      return text.includes('queueTrigger') ? text : '';
    }, 10_000)) || hoverText;
  }
  await screenshot(page, '06-v2-hover');
  record('v2: hover on @app.queue_trigger documents the queueTrigger binding', hoverText.includes('queueTrigger'),
    hoverText.replace(/\s+/g, ' ').slice(0, 100) || 'no hover');
  await page.keyboard.press('Escape');

  const argument = positionOf(lines, 'arg_name="msg"', 11);
  const parameter = positionOf(lines, 'msg: func.QueueMessage');
  await goTo(argument.line, argument.column);
  await page.keyboard.press('F12');
  const expected = `Ln ${parameter.line}, Col ${parameter.column}`;
  const reached = await poll(async () => ((await cursorPosition()).startsWith(expected) ? expected : ''), 15_000);
  record('v2: go to definition (F12) from arg_name="msg" reaches the parameter msg', Boolean(reached),
    reached || `cursor at ${await cursorPosition()}, expected ${expected}`);

  await goTo(argument.line, argument.column);
  await page.keyboard.press('F2');
  const renameInput = page.locator('.rename-box input, .rename-box textarea').first();
  const opened = await renameInput.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
  if (opened) {
    await renameInput.fill('message');
    await page.keyboard.press('Enter');
  }
  const renamed = await poll(async () => {
    const text = (await editorText(page)).replace(/\u00a0/g, ' ');
    return text.includes('arg_name="message"') && text.includes('def process(message: func.QueueMessage)') && text.includes('message.get_body()')
      ? text
      : '';
  }, 15_000);
  await screenshot(page, '07-v2-rename');
  record('v2: rename (F2) from arg_name renames the parameter and its uses', Boolean(renamed),
    renamed ? 'arg_name, parameter and use renamed' : opened ? 'the editor text did not change as expected' : 'no rename box');
}

/** The scenario checks on the output channel: which server runs, and the workspace's trust. */
async function checkBundledServer(outputLog) {
  const lines = outputLog.split('\n');
  const connected = lines.find((text) => text.includes('Connected to') && text.includes('bundled with the extension')) ?? '';
  record(
    'the server is the one bundled with the extension, run by the python3 on PATH',
    Boolean(connected) && (!EXPECT_PYTHON || EXPECT_PYTHON.split(':').some((python) => connected.endsWith(`at ${python}`))),
    connected.replace(/^.*Connected to/, 'Connected to') || (lines.find((text) => text.includes('Connected to')) ?? 'no connection line'),
  );
  if (SCENARIO === 'restricted') {
    const restricted = lines.find((text) => text.includes('not trusted (Restricted Mode)')) ?? '';
    record(
      'Restricted Mode: the extension sees an untrusted workspace and ignores the program settings',
      Boolean(restricted),
      restricted.replace(/^.*?The workspace/, 'The workspace').slice(0, 160) || 'no Restricted Mode line in the output channel',
    );
  }
}

main().then(
  (code) => finish(code),
  async (error) => {
    say(`driver error: ${error.stack ?? error}`);
    record('driver ran to the end', false, String(error.message ?? error).split('\n')[0]);
    if (page) {
      await screenshot(page, '99-error');
    }
    finish(1);
  },
);
