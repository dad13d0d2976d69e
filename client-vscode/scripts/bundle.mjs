// Builds the platform-specific vsix that carries the funcls server and its Python dependencies, as
// the Python tool extensions for VS Code do (bundled/libs, installed with --target; no pip step and
// no network when the extension starts).
//
//   node scripts/bundle.mjs [--target linux-x64] [--pythons 3.10,3.11,3.12,3.13] [--package] [--out FILE]
//   (targets: linux-x64, linux-arm64, alpine-x64, alpine-arm64, darwin-x64, darwin-arm64, win32-x64,
//   win32-arm64; the default is this machine's)
//   node scripts/bundle.mjs --lock        regenerate bundled/requirements.txt from pyproject.toml
//
// For the target, every supported CPython gets the pinned wheels of bundled/requirements.txt (hashes
// checked) from the package index, and the funcls wheel built from this repository. Distributions
// whose installed files are the same for every Python go to bundled/libs/common; the others
// (compiled modules such as rpds-py, or a package pinned differently per Python) to
// bundled/libs/cp3XY. bundled/tool/server.py puts the two folders of the running Python first on
// sys.path. --package then runs `vsce package --target`.
//
// uv installs the wheels: unlike `pip install --python-version`, it evaluates environment markers
// (`exceptiongroup; python_version < "3.11"`) for the target Python, not for the one running it.
// It is taken from FUNCLS_UV, else installed from PyPI into the cache (FUNCLS_BUNDLE_CACHE, default
// ~/.cache/funcls-vscode-bundle) with the Python in FUNCLS_PYTHON (default python3).

import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO = resolve(CLIENT, '..');
const BUNDLED = join(CLIENT, 'bundled');
const LIBS = join(BUNDLED, 'libs');
const LOCK = join(BUNDLED, 'requirements.txt');
const UV_VERSION = '0.13.9';

/** vsce targets -> uv's --python-platform (the wheel tags accepted for that platform). */
export const TARGETS = {
  'linux-x64': 'x86_64-manylinux_2_28',
  'linux-arm64': 'aarch64-manylinux_2_28',
  'alpine-x64': 'x86_64-unknown-linux-musl',
  'alpine-arm64': 'aarch64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
  'win32-arm64': 'aarch64-pc-windows-msvc',
};
export const DEFAULT_PYTHONS = ['3.10', '3.11', '3.12', '3.13'];
/** Targets where a dependency publishes no wheel for some supported Python (rpds-py: none for
 * CPython 3.10 on Windows on Arm). */
const TARGET_PYTHONS = { 'win32-arm64': ['3.11', '3.12', '3.13'] };

function fail(message) {
  console.error(`bundle: ${message}`);
  process.exit(1);
}

function say(message) {
  console.error(`bundle: ${message}`);
}

function option(name) {
  const index = process.argv.indexOf(name);
  if (index < 0) {
    return undefined;
  }
  const value = process.argv[index + 1];
  if (!value || value.startsWith('--')) {
    fail(`${name} needs a value`);
  }
  return value;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, UV_PYTHON_DOWNLOADS: 'never', UV_NO_PROGRESS: '1' },
    ...options,
  });
  if (result.error) {
    fail(`${command}: ${result.error.message}`);
  }
  if (result.status !== 0) {
    fail(`${command} ${args.join(' ')} exited with status ${result.status}`);
  }
  return result;
}

function hostTarget() {
  const arch = { x64: 'x64', arm64: 'arm64' }[process.arch];
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win32' }[process.platform];
  if (!arch || !os) {
    fail(`no default target for ${process.platform}-${process.arch}: pass --target`);
  }
  const musl = os === 'linux' && !process.report?.getReport?.().header?.glibcVersionRuntime;
  return `${musl ? 'alpine' : os}-${arch}`;
}

function cacheDir() {
  const base = process.env.FUNCLS_BUNDLE_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'funcls-vscode-bundle');
  mkdirSync(base, { recursive: true });
  return base;
}

/** uv: FUNCLS_UV, else uv==UV_VERSION in a virtual environment in the cache. */
function ensureUv(cache) {
  if (process.env.FUNCLS_UV) {
    return process.env.FUNCLS_UV;
  }
  const venv = join(cache, `uv-${UV_VERSION}`);
  const uv = join(venv, process.platform === 'win32' ? 'Scripts/uv.exe' : 'bin/uv');
  if (!existsSync(uv)) {
    const python = process.env.FUNCLS_PYTHON || (process.platform === 'win32' ? 'python' : 'python3');
    say(`installing uv ${UV_VERSION} into ${venv}`);
    rmSync(venv, { recursive: true, force: true });
    run(python, ['-m', 'venv', venv]);
    const pip = join(venv, process.platform === 'win32' ? 'Scripts/python.exe' : 'bin/python');
    run(pip, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', `uv==${UV_VERSION}`]);
  }
  return uv;
}

function projectVersion() {
  const init = readFileSync(join(REPO, 'server', 'funcls', '__init__.py'), 'utf8');
  const match = /^__version__\s*=\s*["']([^"']+)["']/m.exec(init);
  if (!match) {
    fail('no __version__ in server/funcls/__init__.py');
  }
  return match[1];
}

function lock(uv) {
  run(
    uv,
    [
      'pip', 'compile', 'pyproject.toml', '--universal', '--python-version', DEFAULT_PYTHONS[0],
      '--generate-hashes', '--quiet', '--custom-compile-command', 'node client-vscode/scripts/bundle.mjs --lock',
      '-o', relative(REPO, LOCK),
    ],
    { cwd: REPO },
  );
  say(`wrote ${relative(REPO, LOCK)}`);
}

function buildWheel(uv, cache) {
  const out = join(cache, 'wheel');
  rmSync(out, { recursive: true, force: true });
  run(uv, ['build', '--wheel', '--quiet', '--out-dir', out, REPO], { cwd: REPO });
  const wheels = readdirSync(out).filter((name) => name.startsWith('funcls-') && name.endsWith('.whl'));
  if (wheels.length !== 1) {
    fail(`expected one funcls wheel in ${out}, found: ${wheels.join(', ') || 'none'}`);
  }
  return join(out, wheels[0]);
}

/** Install the pinned dependencies and the funcls wheel for one Python into a fresh folder. */
function installFor(uv, stage, python, platform, wheel) {
  rmSync(stage, { recursive: true, force: true });
  const common = ['pip', 'install', '--quiet', '--target', stage, '--python-version', python,
    '--python-platform', platform, '--only-binary', ':all:', '--no-deps', '--link-mode', 'copy'];
  run(uv, [...common, '--require-hashes', '-r', LOCK]);
  run(uv, [...common, wheel]);
  // Console scripts carry the build machine's interpreter in their first line: the bundle has none.
  rmSync(join(stage, 'bin'), { recursive: true, force: true });
  rmSync(join(stage, 'Scripts'), { recursive: true, force: true });
}

/** relative path -> sha256 of every file under `root`. */
function digestTree(root, base = root, into = new Map()) {
  const info = statSync(root);
  if (info.isDirectory()) {
    for (const name of readdirSync(root).sort()) {
      if (name !== '__pycache__') {
        digestTree(join(root, name), base, into);
      }
    }
  } else {
    into.set(relative(base, root), createHash('sha256').update(readFileSync(root)).digest('hex'));
  }
  return into;
}

function sameTree(a, b) {
  return a.size === b.size && [...a].every(([path, digest]) => b.get(path) === digest);
}

/** Split the per-Python folders into libs/common (top-level entries identical in all) and libs/cp3XY. */
function merge(stages) {
  rmSync(LIBS, { recursive: true, force: true });
  const tags = Object.keys(stages);
  // Dot files (uv's .lock) are the installer's, not the packages'.
  const names = new Set(tags.flatMap((tag) => readdirSync(stages[tag]).filter((name) => !name.startsWith('.'))));
  const shared = [];
  const split = [];
  for (const name of [...names].sort()) {
    const trees = tags.map((tag) => (existsSync(join(stages[tag], name)) ? digestTree(join(stages[tag], name)) : null));
    const identical = trees.every((tree) => tree !== null && sameTree(tree, trees[0]));
    if (identical) {
      cpSync(join(stages[tags[0]], name), join(LIBS, 'common', name), { recursive: true });
      shared.push(name);
    } else {
      for (const tag of tags) {
        if (existsSync(join(stages[tag], name))) {
          cpSync(join(stages[tag], name), join(LIBS, tag, name), { recursive: true });
        }
      }
      split.push(name);
    }
  }
  for (const tag of tags) {
    mkdirSync(join(LIBS, tag), { recursive: true });
  }
  return { shared, split };
}

function removeBytecode(root) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === '__pycache__') {
        rmSync(path, { recursive: true, force: true });
      } else {
        removeBytecode(path);
      }
    }
  }
}

function listFiles(root, skip, base = root, into = []) {
  for (const entry of readdirSync(root, { withFileTypes: true })) {
    if (skip.includes(entry.name)) {
      continue;
    }
    const path = join(root, entry.name);
    if (entry.isDirectory()) {
      listFiles(path, skip, base, into);
    } else {
      into.push(relative(base, path));
    }
  }
  return into;
}

function folderSize(root) {
  const info = statSync(root);
  return info.isDirectory() ? readdirSync(root).reduce((sum, name) => sum + folderSize(join(root, name)), 0) : info.size;
}

function main() {
  const cache = cacheDir();
  const uv = ensureUv(cache);
  if (process.argv.includes('--lock')) {
    lock(uv);
    return;
  }
  const target = option('--target') ?? hostTarget();
  const platform = TARGETS[target];
  if (!platform) {
    fail(`unknown target ${target} (choose from: ${Object.keys(TARGETS).join(', ')})`);
  }
  const pythons = (option('--pythons') ?? (TARGET_PYTHONS[target] ?? DEFAULT_PYTHONS).join(',')).split(',').map((v) => v.trim()).filter(Boolean);
  for (const python of pythons) {
    if (!/^3\.\d+$/.test(python)) {
      fail(`--pythons takes versions such as 3.12, not ${python}`);
    }
  }
  if (!existsSync(LOCK)) {
    fail(`${relative(REPO, LOCK)} is missing: run node scripts/bundle.mjs --lock`);
  }
  const version = projectVersion();
  say(`building funcls ${version} for ${target} (${platform}), Python ${pythons.join(', ')}`);
  const wheel = buildWheel(uv, cache);

  const stages = {};
  for (const python of pythons) {
    const tag = `cp${python.replace('.', '')}`;
    stages[tag] = join(cache, 'stage', target, tag);
    say(`installing the pinned dependencies for Python ${python}`);
    installFor(uv, stages[tag], python, platform, wheel);
  }
  const { shared, split } = merge(stages);
  const manifest = { target, platform, pythons, funcls: version };
  writeFileSync(join(BUNDLED, 'bundle.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  say(`bundled/libs: ${(folderSize(LIBS) / 1e6).toFixed(1)} MB; common: ${shared.join(' ')}`);
  say(`per Python version: ${split.join(' ')}`);

  if (process.argv.includes('--package')) {
    // A negated .vscodeignore pattern (!bundled/libs/**) wins over any other: bytecode written by
    // a Python that ran the libraries since they were installed is removed here instead.
    removeBytecode(BUNDLED);
    const manifestJson = JSON.parse(readFileSync(join(CLIENT, 'package.json'), 'utf8'));
    const out = option('--out') ?? join(CLIENT, `${manifestJson.name}-${target}-${manifestJson.version}.vsix`);
    const vsce = join(CLIENT, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
    // vsce's secret scan (secretlint) takes time quadratic in the number of files: with the ~6,500
    // files of the libraries (most of them jedi's typeshed stubs) it runs for more than ten minutes.
    // The libraries are wheels pinned by hash in bundled/requirements.txt; the extension's own files
    // hold no secrets and no .env file (checked below), so the scan is skipped.
    const dotEnv = listFiles(CLIENT, ['node_modules', '.git']).filter((file) => /(^|[\\/])\.env(\.|$)/.test(file));
    if (dotEnv.length) {
      fail(`.env files would be packaged: ${dotEnv.join(', ')}`);
    }
    run(
      vsce,
      ['package', '--target', target, '--no-dependencies', '--allow-package-all-secrets', '--allow-package-env-file', '--out', out],
      { cwd: CLIENT, shell: process.platform === 'win32' },
    );
    say(`packaged ${relative(process.cwd(), out)} (${(statSync(out).size / 1e6).toFixed(1)} MB)`);
  }
}

main();
