#!/usr/bin/env bash
# End-to-end test of the VS Code extension: code-server (VS Code in the browser) driven by headless
# Chromium through playwright-core.
#
# Installs what is missing (Debian chromium, node 24, code-server, playwright-core) into a cache
# outside the repository, builds the linux-x64 vsix that carries the server and its Python libraries
# (client-vscode/scripts/bundle.mjs: wheels from PyPI), and for each scenario installs it into a fresh
# profile, opens a copy of the example app in tests/editors/fixtures/app and runs e2e.mjs against it.
# code-server runs with an environment where no funcls exists: PATH holds node and a python3 that has
# neither funcls nor its libraries (checked before each scenario), and no funcls setting is set.
#
# Scenarios (FUNCLS_E2E_SCENARIOS, default "bundled restricted"):
#   bundled     a trusted workspace: the bundled server starts, diagnostics, completion; then a copy
#               of the v2 app tests/editors/fixtures/v2app: problem, hover, definition, rename
#   restricted  Workspace Trust on and the folder not trusted (Restricted Mode), with a workspace
#               .vscode/settings.json naming a trap program in every setting that names a program
#               (and the user's settings naming it as funcls.server.path): the bundled server still
#               works and the trap never runs
#
# Environment:
#   FUNCLS_EDITORS_CACHE  cache folder for the editor tooling (default /tmp/funcls-editors)
#   FUNCLS_E2E_PYTHON     the python3 code-server's PATH offers (default /usr/bin/python3)
#   FUNCLS_E2E_VSIX       a bundled vsix to test instead of building one
#   FUNCLS_E2E_TRACE      funcls.trace.server for the run: off, messages (default) or verbose
#   FUNCLS_E2E_KEEP=1     keep the scratch profile folders after the run
# Exit status: 0 when every check passed, non-zero otherwise. Screenshots and logs go to
# .artifacts/vscode/<scenario>/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
CLIENT="$REPO/client-vscode"
FIXTURE="$REPO/tests/editors/fixtures/app"
V2_FIXTURE="$REPO/tests/editors/fixtures/v2app"
CACHE=${FUNCLS_EDITORS_CACHE:-/tmp/funcls-editors}
PYTHON=${FUNCLS_E2E_PYTHON:-/usr/bin/python3}
SCENARIOS=${FUNCLS_E2E_SCENARIOS:-bundled restricted}
ARTIFACTS="$REPO/.artifacts/vscode"
CHROMIUM=/usr/bin/chromium

CODE_SERVER_VERSION=4.139.1
NODE_FOR_CODE_SERVER=24
PLAYWRIGHT_VERSION=1.65.1

export CI=${CI:-true}
export DEBIAN_FRONTEND=noninteractive
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

START=$SECONDS
log() { printf '[vscode-e2e %3ds] %s\n' "$((SECONDS - START))" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }

CS_PID=""
DRIVER_PID=""
RUN=""
RUNS=()
BROWSER_PIDFILE=""

# Stop a process and its process group by PID: TERM, up to 5 s, then KILL.
stop_pid() {
  local pid=$1
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

collect_logs() { # collect_logs ARTIFACTS_DIR
  local out=$1
  [ -n "$RUN" ] && [ -d "$RUN/user-data/logs" ] || return 0
  # The extension's LogOutputChannel is written to logs/SESSION/exthostN/funcls.funcls/funcls.log.
  local found
  found=$(find "$RUN/user-data/logs" -type f -path '*/funcls.funcls/funcls.log' 2>/dev/null | head -n 1 || true)
  if [ -n "$found" ]; then
    cp "$found" "$out/funcls-output.log"
  fi
  local exthost
  exthost=$(find "$RUN/user-data/logs" -type f -name '*exthost.log' 2>/dev/null | head -n 1 || true)
  if [ -n "$exthost" ]; then
    cp "$exthost" "$out/exthost.log"
  fi
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  stop_pid "$DRIVER_PID"
  if [ -n "$BROWSER_PIDFILE" ] && [ -s "$BROWSER_PIDFILE" ]; then
    stop_pid "$(cat "$BROWSER_PIDFILE")"
  fi
  stop_pid "$CS_PID"
  for run in "${RUNS[@]}"; do
    if [ "${FUNCLS_E2E_KEEP:-0}" != 1 ]; then
      rm -rf "$run"
    else
      log "kept the scratch folder $run"
    fi
  done
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$CACHE" "$ARTIFACTS"
rm -rf "$ARTIFACTS"/*

# ---------------------------------------------------------------------------------------------------
# Tooling, installed once into the cache (a lock keeps concurrent runs from installing twice).
exec 9>"$CACHE/.lock"
flock -w 900 9 || die "could not lock $CACHE/.lock"

if [ ! -x "$CHROMIUM" ] || ! dpkg -s libkrb5-dev >/dev/null 2>&1; then
  log "installing chromium and libkrb5-dev (apt)"
  timeout 300 apt-get install -y -q --no-install-recommends chromium libkrb5-dev >"$CACHE/apt.log" 2>&1 || {
    timeout 300 apt-get update -q >>"$CACHE/apt.log" 2>&1
    timeout 300 apt-get install -y -q --no-install-recommends chromium libkrb5-dev >>"$CACHE/apt.log" 2>&1
  } || die "apt-get install chromium failed (see $CACHE/apt.log)"
fi

NODE24_BIN="$CACHE/node$NODE_FOR_CODE_SERVER/node_modules/.bin"
if ! "$NODE24_BIN/node" --version 2>/dev/null | grep -q "^v$NODE_FOR_CODE_SERVER\."; then
  log "installing node@$NODE_FOR_CODE_SERVER"
  rm -rf "$CACHE/node$NODE_FOR_CODE_SERVER"
  mkdir -p "$CACHE/node$NODE_FOR_CODE_SERVER"
  echo '{"private": true}' >"$CACHE/node$NODE_FOR_CODE_SERVER/package.json"
  (cd "$CACHE/node$NODE_FOR_CODE_SERVER" && timeout 300 npm install --no-save "node@$NODE_FOR_CODE_SERVER") \
    >"$CACHE/node-install.log" 2>&1 || die "npm install node@$NODE_FOR_CODE_SERVER failed (see $CACHE/node-install.log)"
fi

CODE_SERVER="$CACHE/code-server/node_modules/.bin/code-server"
installed_code_server() {
  node -p "require('$CACHE/code-server/node_modules/code-server/package.json').version" 2>/dev/null || true
}
if [ ! -x "$CODE_SERVER" ] || [ "$(installed_code_server)" != "$CODE_SERVER_VERSION" ]; then
  log "installing code-server@$CODE_SERVER_VERSION (native modules build: about 2 minutes)"
  rm -rf "$CACHE/code-server"
  mkdir -p "$CACHE/code-server"
  echo '{"private": true}' >"$CACHE/code-server/package.json"
  (cd "$CACHE/code-server" && PATH="$NODE24_BIN:$PATH" timeout 480 npm install --no-save "code-server@$CODE_SERVER_VERSION") \
    >"$CACHE/code-server-install.log" 2>&1 || die "npm install code-server failed (see $CACHE/code-server-install.log)"
fi

DRIVER_MODULES="$CACHE/driver"
if [ ! -f "$DRIVER_MODULES/node_modules/playwright-core/package.json" ] \
  || [ "$(node -p "require('$DRIVER_MODULES/node_modules/playwright-core/package.json').version")" != "$PLAYWRIGHT_VERSION" ]; then
  log "installing playwright-core@$PLAYWRIGHT_VERSION (no browser download)"
  rm -rf "$DRIVER_MODULES"
  mkdir -p "$DRIVER_MODULES"
  echo '{"private": true}' >"$DRIVER_MODULES/package.json"
  (cd "$DRIVER_MODULES" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 timeout 300 npm install --no-save "playwright-core@$PLAYWRIGHT_VERSION") \
    >"$CACHE/driver-install.log" 2>&1 || die "npm install playwright-core failed (see $CACHE/driver-install.log)"
fi
flock -u 9
exec 9>&-
log "tooling ready"

# ---------------------------------------------------------------------------------------------------
# The extension, with the server and its libraries inside.
VERSION=$(node -p "require('$CLIENT/package.json').version")
if [ -n "${FUNCLS_E2E_VSIX:-}" ]; then
  VSIX=$FUNCLS_E2E_VSIX
  [ -f "$VSIX" ] || die "FUNCLS_E2E_VSIX=$VSIX does not exist"
  log "testing $VSIX (not rebuilt)"
else
  VSIX="$CLIENT/funcls-linux-x64-$VERSION.vsix"
  if [ ! -d "$CLIENT/node_modules" ] || [ "$CLIENT/package-lock.json" -nt "$CLIENT/node_modules/.package-lock.json" ]; then
    log "npm ci in client-vscode"
    (cd "$CLIENT" && timeout 300 npm ci) >"$ARTIFACTS/npm-ci.log" 2>&1 || die "npm ci failed (see $ARTIFACTS/npm-ci.log)"
  fi
  log "building $(basename "$VSIX") (wheels from PyPI, then vsce package --target linux-x64)"
  rm -f "$VSIX"
  (cd "$CLIENT" && timeout 900 node scripts/bundle.mjs --target linux-x64 --package --out "$VSIX") >"$ARTIFACTS/package.log" 2>&1 \
    || die "bundle.mjs --package failed (see $ARTIFACTS/package.log)"
  [ -f "$VSIX" ] || die "$VSIX was not produced"
fi
[ "$(unzip -l "$VSIX" | grep -c 'extension/bundled/tool/server.py')" = 1 ] || die "$VSIX does not carry bundled/tool/server.py"

# ---------------------------------------------------------------------------------------------------
# The vsix's server with every CPython on this machine, without VS Code: each supported version
# (3.10 to 3.13, found in pyenv or on PATH) checks the example app from the unpacked vsix; an older
# one is refused with a reason. Results in .artifacts/vscode/bundle/result.json.
check_bundle_pythons() {
  local out="$ARTIFACTS/bundle" unpacked
  mkdir -p "$out"
  unpacked=$(mktemp -d "${TMPDIR:-/tmp}/vscode-vsix.XXXXXX")
  RUNS+=("$unpacked")
  unzip -q "$VSIX" 'extension/bundled/*' -d "$unpacked"
  local launcher="$unpacked/extension/bundled/tool/server.py" lines=() minor python found result status
  for minor in 9 10 11 12 13; do
    # pyenv's own builds first: its shims on PATH need pyenv's environment.
    python=$(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3."$minor".*/bin/python3."$minor" 2>/dev/null | tail -n 1 || true)
    found=$(command -v "python3.$minor" || true)
    case $found in */shims/*) found="" ;; esac
    python=${python:-$found}
    [ -n "$python" ] || continue
    set +e
    result=$(cd "$unpacked" && timeout 120 env -i "PATH=/usr/bin:/bin" "HOME=$unpacked" "$python" -I "$launcher" check "$FIXTURE" 2>&1)
    status=$?
    set -e
    if [ "$minor" -lt 10 ]; then
      [ "$status" = 3 ] && grep -q "has no libraries for Python 3.$minor" <<<"$result"
      lines+=("$?|Python 3.$minor is refused with a reason|$python: exit $status, $(tail -n 1 <<<"$result")")
    else
      [ "$status" = 1 ] && grep -q FUNC010 <<<"$result"
      lines+=("$?|Python 3.$minor runs the bundled server (funcls check finds FUNC010)|$python: exit $status, $(tail -n 1 <<<"$result")")
    fi
  done
  printf '%s\n' "${lines[@]}" | node -e '
    const checks = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean).map((line) => {
      const [status, name, detail] = line.split("|");
      return { name, ok: status === "0", detail };
    });
    require("fs").writeFileSync(process.argv[1], JSON.stringify({ checks }, null, 2));
  ' "$out/result.json"
  log "bundle: $(grep -c '"ok": true' "$out/result.json") interpreter checks passed of $(grep -c '"ok"' "$out/result.json")"
  ! grep -q '"ok": false' "$out/result.json"
}

# ---------------------------------------------------------------------------------------------------
# One scenario: a fresh profile, a copy of the app, code-server with a clean environment, the driver.
run_scenario() { # run_scenario NAME
  local scenario=$1 out="$ARTIFACTS/$1" status
  mkdir -p "$out"
  RUN=$(mktemp -d "${TMPDIR:-/tmp}/vscode-e2e.XXXXXX")
  RUNS+=("$RUN")
  mkdir -p "$RUN/user-data/User" "$RUN/user-data/Machine" "$RUN/extensions" "$RUN/config" "$RUN/data" "$RUN/cache" "$RUN/tmp" "$RUN/bin"
  cp -R "$FIXTURE" "$RUN/app"
  cp -R "$V2_FIXTURE" "$RUN/v2app"
  # A function the driver never opens: its five-field schedule (FUNC130) must still reach the Problems panel.
  mkdir -p "$RUN/app/NightlyJob"
  printf '{\n  "bindings": [\n    {\n      "name": "timer",\n      "type": "timerTrigger",\n      "direction": "in",\n      "schedule": "0 2 * * *"\n    }\n  ]\n}\n' >"$RUN/app/NightlyJob/function.json"
  printf 'import azure.functions as func\n\n\ndef main(timer: func.TimerRequest) -> None:\n    pass\n' >"$RUN/app/NightlyJob/__init__.py"

  # The machine as a new user has it: node for code-server, a python3 without funcls, nothing else.
  ln -s "$PYTHON" "$RUN/bin/python3"
  local path="$RUN/bin:$NODE24_BIN:/usr/bin:/bin"
  local clean=(env -i "PATH=$path" "HOME=$RUN/data" "LANG=C.UTF-8" "XDG_CONFIG_HOME=$RUN/config" "XDG_DATA_HOME=$RUN/data"
    "XDG_CACHE_HOME=$RUN/cache" "TMPDIR=$RUN/tmp")
  # VS Code's extension host may take PATH from a login shell instead (/etc/profile's): check both.
  local login_path=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  if "${clean[@]}" sh -c 'command -v funcls' >/dev/null 2>&1 || env -i "PATH=$login_path" sh -c 'command -v funcls' >/dev/null 2>&1; then
    die "[$scenario] a funcls executable is on the clean PATH ($path) or on $login_path"
  fi
  for module in funcls pygls jsonschema jedi; do
    if (cd "$RUN/tmp" && "${clean[@]}" python3 -c "import $module") >/dev/null 2>&1; then
      die "[$scenario] $PYTHON can import $module: choose a plain Python with FUNCLS_E2E_PYTHON"
    fi
  done
  log "[$scenario] clean environment: no funcls on PATH; $("${clean[@]}" python3 --version 2>&1) at $PYTHON imports none of funcls, pygls, jsonschema, jedi"

  local trust_enabled=false trap_marker=""
  if [ "$scenario" = restricted ]; then
    trust_enabled=true
    # Every setting that names a program points at a trap that leaves a marker if it ever runs.
    trap_marker="$RUN/trap-ran"
    mkdir -p "$RUN/app/.vscode"
    printf '#!/bin/sh\necho "$0 $*" >>"%s"\nexit 1\n' "$trap_marker" >"$RUN/app/.vscode/trap"
    chmod +x "$RUN/app/.vscode/trap"
    node -e '
      const [file, trap] = process.argv.slice(1);
      require("fs").writeFileSync(file, JSON.stringify({
        "funcls.server.path": trap,
        "funcls.server.pythonPath": trap,
        "funcls.server.args": ["--from-the-repository"],
        "funcls.importStrategy": "fromEnvironment",
        "funcls.pythonPath": trap
      }, null, 2));
    ' "$RUN/app/.vscode/settings.json" "$RUN/app/.vscode/trap"
  fi

  node -e '
    const [file, trace, trustEnabled] = process.argv.slice(1);
    const settings = {
      "funcls.trace.server": trace,
      "funcls.diagnostics.debounceMs": 0,
      "workbench.startupEditor": "none",
      "workbench.tips.enabled": false,
      "workbench.welcomePage.walkthroughs.openOnInstall": false,
      "workbench.enableExperiments": false,
      "workbench.secondarySideBar.defaultVisibility": "hidden",
      "security.workspace.trust.enabled": trustEnabled === "true",
      "security.workspace.trust.startupPrompt": "never",
      "telemetry.telemetryLevel": "off",
      "update.mode": "none",
      "extensions.autoUpdate": false,
      "extensions.autoCheckUpdates": false,
      "extensions.ignoreRecommendations": true,
      "chat.disableAIFeatures": true,
      "git.enabled": false,
      "json.schemaDownload.enable": false,
      "editor.wordBasedSuggestions": "off",
      "editor.quickSuggestions": { "other": false, "comments": false, "strings": false },
      "editor.suggestOnTriggerCharacters": false,
      "files.autoSave": "off",
      "window.restoreWindows": "none"
    };
    require("fs").writeFileSync(file, JSON.stringify(settings, null, 2));
  ' "$RUN/user-data/User/settings.json" "${FUNCLS_E2E_TRACE:-messages}" "$trust_enabled"
  # code-server is a remote window: settings with machine scopes (funcls.server.*) come from the
  # remote machine's settings, <user-data>/Machine/settings.json, not from the browser-side user settings.
  cp "$RUN/user-data/User/settings.json" "$RUN/user-data/Machine/settings.json"
  if [ "$scenario" = restricted ]; then
    # The user's own settings also name the trap: VS Code honours user values of restricted settings
    # in Restricted Mode, the extension itself must ignore them (vscode.workspace.isTrusted).
    node -e '
      const [file, trap] = process.argv.slice(1);
      const fs = require("fs");
      const settings = JSON.parse(fs.readFileSync(file, "utf8"));
      Object.assign(settings, { "funcls.server.path": trap, "funcls.importStrategy": "fromEnvironment" });
      fs.writeFileSync(file, JSON.stringify(settings, null, 2));
    ' "$RUN/user-data/Machine/settings.json" "$RUN/app/.vscode/trap"
  fi

  local cs_args=(--user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions")
  log "[$scenario] installing the extension into a fresh extensions folder"
  timeout 120 "${clean[@]}" "$CODE_SERVER" "${cs_args[@]}" --install-extension "$VSIX" \
    >"$out/install-extension.log" 2>&1 || die "[$scenario] code-server --install-extension failed (see $out/install-extension.log)"

  local trust_flag=(--disable-workspace-trust)
  [ "$trust_enabled" = true ] && trust_flag=()
  local port
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
  log "[$scenario] starting code-server on 127.0.0.1:$port"
  setsid "${clean[@]}" "$CODE_SERVER" "${cs_args[@]}" --bind-addr "127.0.0.1:$port" --auth none \
    --disable-telemetry --disable-update-check "${trust_flag[@]}" --disable-getting-started-override \
    "$RUN/app" </dev/null >"$out/code-server.log" 2>&1 &
  CS_PID=$!
  for _ in $(seq 1 120); do
    if curl -fsS -m 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
      break
    fi
    kill -0 "$CS_PID" 2>/dev/null || die "[$scenario] code-server exited (see $out/code-server.log)"
    sleep 0.5
  done
  curl -fsS -m 2 "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 || die "[$scenario] code-server did not answer within 60 s"
  log "[$scenario] code-server is up (pid $CS_PID)"

  BROWSER_PIDFILE="$RUN/browser.pid"
  set +e
  setsid env FUNCLS_E2E_URL="http://127.0.0.1:$port/" FUNCLS_E2E_APP="$RUN/app" FUNCLS_E2E_USER_DATA="$RUN/user-data" \
    FUNCLS_E2E_ARTIFACTS="$out" FUNCLS_E2E_NODE_MODULES="$DRIVER_MODULES" FUNCLS_E2E_BROWSER_PIDFILE="$BROWSER_PIDFILE" \
    FUNCLS_E2E_CHROMIUM="$CHROMIUM" FUNCLS_E2E_SCENARIO="$scenario" FUNCLS_E2E_TRAP_MARKER="$trap_marker" \
    FUNCLS_E2E_EXPECT_PYTHON="$RUN/bin/python3:$PYTHON" FUNCLS_E2E_V2_APP="$RUN/v2app" \
    timeout 330 node "$HERE/e2e.mjs" </dev/null &
  DRIVER_PID=$!
  wait "$DRIVER_PID"
  status=$?
  DRIVER_PID=""
  set -e
  if [ -s "$BROWSER_PIDFILE" ]; then
    stop_pid "$(cat "$BROWSER_PIDFILE")"
  fi
  stop_pid "$CS_PID"
  CS_PID=""
  collect_logs "$out" || true
  if [ -f "$out/funcls-output.log" ] && [ "$status" -ne 0 ]; then
    log "[$scenario] last lines of the funcls output channel:"
    tail -n 20 "$out/funcls-output.log" | cut -c 1-240 >&2 || true
  fi
  return "$status"
}

FAILED=0
check_bundle_pythons || FAILED=1
for scenario in $SCENARIOS; do
  case $scenario in bundled | restricted) ;; *) die "unknown scenario '$scenario' (bundled, restricted)" ;; esac
  run_scenario "$scenario" || FAILED=1
done

echo "---- vscode e2e summary ($((SECONDS - START)) s) ----"
node -e '
  const fs = require("fs");
  const [artifacts, ...scenarios] = process.argv.slice(1);
  let passed = 0, failed = 0;
  for (const scenario of scenarios) {
    const file = `${artifacts}/${scenario}/result.json`;
    if (!fs.existsSync(file)) {
      console.log(`FAIL  [${scenario}] the driver wrote no result`);
      failed += 1;
      continue;
    }
    for (const c of JSON.parse(fs.readFileSync(file, "utf8")).checks) {
      console.log(`${c.ok ? "PASS" : "FAIL"}  [${scenario}] ${c.name}${c.detail ? ": " + c.detail : ""}`);
      c.ok ? (passed += 1) : (failed += 1);
    }
  }
  console.log(`vscode-e2e: ${passed} passed, ${failed} failed`);
' "$ARTIFACTS" bundle $SCENARIOS
echo "screenshots and logs: $ARTIFACTS"
[ "$FAILED" -eq 0 ] || exit 1
