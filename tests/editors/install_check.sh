#!/usr/bin/env bash
# The server as users install it: `pipx install <repo>` and `uv tool install <repo>` into scratch
# homes give a `funcls` that prints the project's version, checks the example app (which needs the
# packaged schemas) and talks LSP over stdio; the wheel carries funcls/schemas/*.json.
#
# Usage: install_check.sh
# Environment:
#   FUNCLS_EDITORS_CACHE  cache folder (default /tmp/funcls-editors); pipx and uv, when not on PATH,
#                         are installed into <cache>/tools-venv; the scratch homes are
#                         <cache>/install-check/ (emptied on each run); pip and uv caches are kept
#   FUNCLS_PYTHON         the Python that builds the wheel and the tools venv (default python3)
# Output: one PASS/FAIL line per check, then "install-check: N passed, N failed"; exit status 0
# when all passed. Logs go to .artifacts/install-check/.
# The checks record the status of test conditions on purpose.
# shellcheck disable=SC2319
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${FUNCLS_EDITORS_CACHE:-/tmp/funcls-editors}
PY=${FUNCLS_PYTHON:-python3}
S="$CACHE/install-check"
ARTIFACTS="$REPO/.artifacts/install-check"
FIXTURE="$REPO/tests/editors/fixtures/app"

passed=0
failed=0
check() { # check NAME OK [DETAIL]
  if [ "$2" = 0 ]; then
    echo "PASS  $1${3:+: $3}"
    passed=$((passed + 1))
  else
    echo "FAIL  $1${3:+: $3}"
    failed=$((failed + 1))
  fi
}
finish() {
  echo "install-check: $passed passed, $failed failed"
  [ "$failed" -eq 0 ]
  exit
}

mkdir -p "$CACHE" "$ARTIFACTS"
rm -f "$ARTIFACTS"/*
rm -rf "$S"
mkdir -p "$S/home" "$S/wheel"

VERSION=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' "$REPO/server/funcls/__init__.py")
EXT_VERSION=$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["version"])' "$REPO/client-vscode/package.json" 2>/dev/null)
[ -n "$VERSION" ] || { check "version in server/funcls/__init__.py" 1; finish; }
[ "$VERSION" = "$EXT_VERSION" ]
status=$?
check "the extension's package.json has the server's version" $status "server $VERSION, extension ${EXT_VERSION:-?}"

# Scratch homes for the installers; the download caches persist between runs.
export HOME="$S/home" XDG_DATA_HOME="$S/home/.local/share" XDG_CONFIG_HOME="$S/home/.config"
export XDG_CACHE_HOME="$S/home/.cache" XDG_STATE_HOME="$S/home/.local/state" XDG_BIN_HOME="$S/home/.local/bin"
export PIP_CACHE_DIR="$CACHE/pip-cache" PIP_DISABLE_PIP_VERSION_CHECK=1
export PIPX_HOME="$S/pipx" PIPX_BIN_DIR="$S/pipx-bin" PIPX_MAN_DIR="$S/pipx-man"
export UV_TOOL_DIR="$S/uv-tools" UV_TOOL_BIN_DIR="$S/uv-bin" UV_CACHE_DIR="$CACHE/uv-cache"
export UV_PYTHON_DOWNLOADS=never UV_PYTHON_INSTALL_DIR="$S/uv-python" UV_NO_PROGRESS=1

# ---------------------------------------------------------------------------------------------------
# pipx and uv: from PATH, else from the cached tools venv.
TOOLS="$CACHE/tools-venv"
PIPX=$(command -v pipx || true)
UV=$(command -v uv || true)
if [ -z "$PIPX" ] || [ -z "$UV" ]; then
  if [ ! -x "$TOOLS/bin/pipx" ] || [ ! -x "$TOOLS/bin/uv" ]; then
    rm -rf "$TOOLS"
    { timeout 120 "$PY" -m venv "$TOOLS" && timeout 300 "$TOOLS/bin/pip" install -q pipx uv; } \
      >"$ARTIFACTS/tools-install.log" 2>&1
  fi
  PIPX=${PIPX:-$TOOLS/bin/pipx}
  UV=${UV:-$TOOLS/bin/uv}
fi
[ -x "$PIPX" ] && [ -x "$UV" ]
status=$?
check "pipx and uv available" $status "$("$PIPX" --version 2>/dev/null | head -n 1) ($PIPX), $("$UV" --version 2>/dev/null) ($UV)"

# ---------------------------------------------------------------------------------------------------
# The wheel carries the schemas.
timeout 300 "$PY" -m pip wheel -q --no-deps -w "$S/wheel" "$REPO" >"$ARTIFACTS/wheel.log" 2>&1
WHEEL=$(find "$S/wheel" -name "funcls-$VERSION-*.whl" | head -n 1)
[ -n "$WHEEL" ]
status=$?
check "pip wheel builds funcls-$VERSION" $status "$(basename "${WHEEL:-none}")"
if [ -n "$WHEEL" ]; then
  detail=$("$PY" - "$WHEEL" <<'EOF'
import sys, zipfile
names = set(zipfile.ZipFile(sys.argv[1]).namelist())
want = [f"funcls/schemas/{k}.schema.json" for k in ("function.json", "host.json", "local.settings.json")]
missing = [n for n in want if n not in names]
print("missing " + ", ".join(missing) if missing else "3 schema files")
sys.exit(1 if missing else 0)
EOF
  )
  check "the wheel carries funcls/schemas/*.json" $? "$detail"
fi

# ---------------------------------------------------------------------------------------------------
# A stdio LSP session with an installed funcls: initialize, open function.json, wait for the
# authLevel diagnostic, shut down cleanly.
lsp_smoke() { # lsp_smoke FUNCLS
  timeout 60 "$PY" - "$1" "$FIXTURE" "$VERSION" <<'EOF'
import json, pathlib, subprocess, sys

server, app, version = sys.argv[1], pathlib.Path(sys.argv[2]).resolve(), sys.argv[3]
proc = subprocess.Popen([server, "--stdio"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                        stderr=subprocess.DEVNULL)

def send(message):
    body = json.dumps(message).encode()
    proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    proc.stdin.flush()

def receive():
    length = None
    while True:
        line = proc.stdout.readline()
        if not line:
            raise SystemExit("the server closed its output")
        line = line.strip()
        if not line:
            break
        key, _, value = line.partition(b":")
        if key.lower() == b"content-length":
            length = int(value)
    return json.loads(proc.stdout.read(length))

def until(predicate):
    while True:
        message = receive()
        if "id" in message and "method" in message:  # a request from the server
            send({"jsonrpc": "2.0", "id": message["id"], "result": None})
        elif predicate(message):
            return message

send({"jsonrpc": "2.0", "id": 1, "method": "initialize",
      "params": {"processId": None, "rootUri": app.as_uri(), "capabilities": {}}})
reply = until(lambda m: m.get("id") == 1)
info = reply["result"].get("serverInfo") or {}
if info.get("version") != version:
    raise SystemExit(f"serverInfo {info}, expected version {version}")
send({"jsonrpc": "2.0", "method": "initialized", "params": {}})
doc = app / "HttpTrigger" / "function.json"
send({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {
    "uri": doc.as_uri(), "languageId": "json", "version": 1, "text": doc.read_text()}}})
published = until(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                  and m["params"]["uri"] == doc.as_uri() and m["params"]["diagnostics"])
codes = sorted({d.get("code") for d in published["params"]["diagnostics"]})
if "FUNC010" not in codes:
    raise SystemExit(f"diagnostics {codes}, expected FUNC010")
send({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": None})
until(lambda m: m.get("id") == 2)
send({"jsonrpc": "2.0", "method": "exit", "params": None})
status = proc.wait(timeout=10)
if status != 0:
    raise SystemExit(f"the server exited with status {status} after shutdown and exit")
print(f"{info.get('name')} {info.get('version')}: diagnostics {', '.join(codes)}, clean exit")
EOF
}

verify_installed() { # verify_installed LABEL FUNCLS
  local label=$1 exe=$2 out status
  [ -x "$exe" ]
  status=$?
  check "$label: funcls installed" $status "$exe"
  [ -x "$exe" ] || return 0
  out=$(timeout 30 "$exe" --version 2>&1)
  [ "$out" = "funcls $VERSION" ]
  status=$?
  check "$label: funcls --version" $status "$out"
  out=$(cd "$S" && timeout 60 "$exe" check "$FIXTURE" 2>&1)
  status=$?
  [ "$status" = 1 ] && grep -q "FUNC010" <<<"$out"
  local found=$?
  check "$label: funcls check finds the authLevel error (schemas load from the installed copy)" $found \
    "exit $status, $(grep -c FUNC010 <<<"$out") FUNC010"
  out=$(cd "$S" && lsp_smoke "$exe" 2>&1)
  check "$label: funcls --stdio session" $? "$(tail -n 1 <<<"$out")"
}

# ---------------------------------------------------------------------------------------------------
# pipx install
(cd "$S" && timeout 300 "$PIPX" install --force "$REPO") </dev/null >"$ARTIFACTS/pipx.log" 2>&1
check "pipx install $REPO" $? "log in $ARTIFACTS/pipx.log"
verify_installed pipx "$PIPX_BIN_DIR/funcls"

# uv tool install
(cd "$S" && timeout 300 "$UV" tool install --force "$REPO") </dev/null >"$ARTIFACTS/uv.log" 2>&1
check "uv tool install $REPO" $? "log in $ARTIFACTS/uv.log"
verify_installed uv "$UV_TOOL_BIN_DIR/funcls"

finish
