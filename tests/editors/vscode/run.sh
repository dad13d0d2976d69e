#!/usr/bin/env bash
# End-to-end test of the VS Code extension: code-server (VS Code in the browser) driven by headless
# Chromium through playwright-core.
#
# Installs what is missing (Debian chromium, node 24, code-server, playwright-core) into a cache
# outside the repository, builds and installs funcls-<version>.vsix into a fresh profile, opens the
# example app in tests/editors/fixtures/app and runs e2e.mjs against it.
#
# Environment:
#   FUNCLS_EDITORS_CACHE  cache folder for the editor tooling (default /tmp/funcls-editors)
#   FUNCLS_SERVER         the funcls executable (default <repo>/.venv/bin/funcls)
#   FUNCLS_E2E_TRACE      funcls.trace.server for the run: off, messages (default) or verbose
#   FUNCLS_E2E_KEEP=1     keep the scratch profile folder after the run
# Exit status: 0 when every check passed, non-zero otherwise. Screenshots and logs go to
# .artifacts/vscode/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
CLIENT="$REPO/client-vscode"
FIXTURE="$REPO/tests/editors/fixtures/app"
CACHE=${FUNCLS_EDITORS_CACHE:-/tmp/funcls-editors}
SERVER=${FUNCLS_SERVER:-$REPO/.venv/bin/funcls}
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

collect_logs() {
  [ -n "$RUN" ] && [ -d "$RUN/user-data/logs" ] || return 0
  # The extension's LogOutputChannel is written to logs/SESSION/exthostN/funcls.funcls/funcls.log.
  local found
  found=$(find "$RUN/user-data/logs" -type f -path '*/funcls.funcls/funcls.log' 2>/dev/null | head -n 1 || true)
  if [ -n "$found" ]; then
    cp "$found" "$ARTIFACTS/funcls-output.log"
  fi
  local exthost
  exthost=$(find "$RUN/user-data/logs" -type f -name '*exthost.log' 2>/dev/null | head -n 1 || true)
  if [ -n "$exthost" ]; then
    cp "$exthost" "$ARTIFACTS/exthost.log"
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
  collect_logs || true
  if [ -n "$RUN" ] && [ "${FUNCLS_E2E_KEEP:-0}" != 1 ]; then
    rm -rf "$RUN"
  elif [ -n "$RUN" ]; then
    log "kept the scratch folder $RUN"
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

mkdir -p "$CACHE" "$ARTIFACTS"
rm -f "$ARTIFACTS"/*.png "$ARTIFACTS"/*.log "$ARTIFACTS"/result.json

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
# The server and the extension.
[ -x "$SERVER" ] || die "no funcls server at $SERVER (install the project into .venv: .venv/bin/pip install -e .; or set FUNCLS_SERVER)"
SERVER_VERSION=$(timeout 30 "$SERVER" --version 2>"$ARTIFACTS/server-version.log") \
  || die "'$SERVER --version' failed (see $ARTIFACTS/server-version.log)"
log "server: $SERVER ($SERVER_VERSION)"

VERSION=$(node -p "require('$CLIENT/package.json').version")
VSIX="$CLIENT/funcls-$VERSION.vsix"
if [ ! -d "$CLIENT/node_modules" ] || [ "$CLIENT/package-lock.json" -nt "$CLIENT/node_modules/.package-lock.json" ]; then
  log "npm ci in client-vscode"
  (cd "$CLIENT" && timeout 300 npm ci) >"$ARTIFACTS/npm-ci.log" 2>&1 || die "npm ci failed (see $ARTIFACTS/npm-ci.log)"
fi
log "packaging $(basename "$VSIX")"
rm -f "$VSIX"
(cd "$CLIENT" && timeout 120 npm run package) >"$ARTIFACTS/package.log" 2>&1 || die "npm run package failed (see $ARTIFACTS/package.log)"
[ -f "$VSIX" ] || die "$VSIX was not produced"

# ---------------------------------------------------------------------------------------------------
# A fresh profile, the example app copied into it, and code-server.
RUN=$(mktemp -d "${TMPDIR:-/tmp}/vscode-e2e.XXXXXX")
mkdir -p "$RUN/user-data/User" "$RUN/extensions" "$RUN/config" "$RUN/data" "$RUN/cache" "$RUN/tmp"
cp -R "$FIXTURE" "$RUN/app"
# A function the driver never opens: its five-field schedule (FUNC130) must still reach the Problems panel.
mkdir -p "$RUN/app/NightlyJob"
printf '{\n  "bindings": [\n    {\n      "name": "timer",\n      "type": "timerTrigger",\n      "direction": "in",\n      "schedule": "0 2 * * *"\n    }\n  ]\n}\n' >"$RUN/app/NightlyJob/function.json"
printf 'import azure.functions as func\n\n\ndef main(timer: func.TimerRequest) -> None:\n    pass\n' >"$RUN/app/NightlyJob/__init__.py"
node -e '
  const [file, server, trace] = process.argv.slice(1);
  const settings = {
    "funcls.server.path": server,
    "funcls.trace.server": trace,
    "funcls.diagnostics.debounceMs": 0,
    "workbench.startupEditor": "none",
    "workbench.tips.enabled": false,
    "workbench.welcomePage.walkthroughs.openOnInstall": false,
    "workbench.enableExperiments": false,
    "workbench.secondarySideBar.defaultVisibility": "hidden",
    "security.workspace.trust.enabled": false,
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
' "$RUN/user-data/User/settings.json" "$SERVER" "${FUNCLS_E2E_TRACE:-messages}"
# code-server is a remote window: settings with machine scopes (funcls.server.*) come from the
# remote machine's settings, <user-data>/Machine/settings.json, not from the browser-side user settings.
mkdir -p "$RUN/user-data/Machine"
cp "$RUN/user-data/User/settings.json" "$RUN/user-data/Machine/settings.json"

cs_env=(env "PATH=$NODE24_BIN:$PATH" "HOME=$RUN/data" "XDG_CONFIG_HOME=$RUN/config" "XDG_DATA_HOME=$RUN/data"
  "XDG_CACHE_HOME=$RUN/cache" "TMPDIR=$RUN/tmp")
cs_args=(--user-data-dir "$RUN/user-data" --extensions-dir "$RUN/extensions")

log "installing the extension into a fresh extensions folder"
timeout 120 "${cs_env[@]}" "$CODE_SERVER" "${cs_args[@]}" --install-extension "$VSIX" \
  >"$ARTIFACTS/install-extension.log" 2>&1 || die "code-server --install-extension failed (see $ARTIFACTS/install-extension.log)"

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
log "starting code-server on 127.0.0.1:$PORT"
setsid "${cs_env[@]}" "$CODE_SERVER" "${cs_args[@]}" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  "$RUN/app" </dev/null >"$ARTIFACTS/code-server.log" 2>&1 &
CS_PID=$!

for _ in $(seq 1 120); do
  if curl -fsS -m 2 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then
    break
  fi
  kill -0 "$CS_PID" 2>/dev/null || die "code-server exited (see $ARTIFACTS/code-server.log)"
  sleep 0.5
done
curl -fsS -m 2 "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 || die "code-server did not answer within 60 s"
log "code-server is up (pid $CS_PID)"

# ---------------------------------------------------------------------------------------------------
# The browser-driven checks.
BROWSER_PIDFILE="$RUN/browser.pid"
set +e
setsid env FUNCLS_E2E_URL="http://127.0.0.1:$PORT/" FUNCLS_E2E_APP="$RUN/app" FUNCLS_E2E_USER_DATA="$RUN/user-data" FUNCLS_E2E_ARTIFACTS="$ARTIFACTS" \
  FUNCLS_E2E_NODE_MODULES="$DRIVER_MODULES" FUNCLS_E2E_BROWSER_PIDFILE="$BROWSER_PIDFILE" \
  FUNCLS_E2E_CHROMIUM="$CHROMIUM" \
  timeout 240 node "$HERE/e2e.mjs" </dev/null &
DRIVER_PID=$!
wait "$DRIVER_PID"
STATUS=$?
DRIVER_PID=""
set -e

collect_logs || true
if [ -f "$ARTIFACTS/funcls-output.log" ] && [ "$STATUS" -ne 0 ]; then
  log "last lines of the funcls output channel:"
  tail -n 20 "$ARTIFACTS/funcls-output.log" | cut -c 1-240 >&2 || true
fi

echo "---- vscode e2e summary ($((SECONDS - START)) s) ----"
if [ -f "$ARTIFACTS/result.json" ]; then
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    for (const c of r.checks) console.log(`${c.ok ? "PASS" : "FAIL"}  ${c.name}${c.detail ? ": " + c.detail : ""}`);
    const passed = r.checks.filter((c) => c.ok).length;
    console.log(`vscode-e2e: ${passed} passed, ${r.checks.length - passed} failed`);
  ' "$ARTIFACTS/result.json"
else
  echo "vscode-e2e: the driver wrote no result (exit status $STATUS)"
fi
echo "screenshots and logs: $ARTIFACTS"
[ "$STATUS" -eq 0 ] || exit 1
