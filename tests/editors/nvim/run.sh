#!/usr/bin/env bash
# Runs funcls in a real headless Neovim configured with a snippet from docs/editors.md, and checks
# diagnostics and completion on a copy of tests/editors/fixtures/app, and diagnostic, hover,
# definition and rename on the decorators of the v2 app tests/editors/fixtures/v2app (check.lua).
#
# Usage: run.sh --nvim PATH --snippet nvim-0.11|nvim-0.7 [--expect-version 0.11.4] [--label NAME]
#
# The snippet is written, unchanged, as init.lua of a scratch XDG_CONFIG_HOME: Neovim loads it
# exactly as it loads a user's configuration. The funcls on PATH is FUNCLS_SERVER's.
#
# Environment:
#   FUNCLS_SERVER          the funcls executable (default <repo>/.venv/bin/funcls); its folder goes
#                          first on PATH, because the snippet runs plain `funcls`
#   FUNCLS_EDITOR_TIMEOUT  seconds for the whole editor run (default 60)
#   FUNCLS_T_TIMEOUT_MS    how long each check waits for the server (default 20000)
#   FUNCLS_E2E_KEEP=1      keep the scratch folder
# Output: one PASS/FAIL line per check, then "<label>: N passed, N failed". Exit status 0 when all
# passed. init.lua, the results and Neovim's lsp.log go to .artifacts/<label>/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
DOCS="$REPO/docs/editors.md"
FIXTURE="$REPO/tests/editors/fixtures/app"
V2_FIXTURE="$REPO/tests/editors/fixtures/v2app"
SERVER=${FUNCLS_SERVER:-$REPO/.venv/bin/funcls}
TIMEOUT=${FUNCLS_EDITOR_TIMEOUT:-60}

NVIM="" SNIPPET="" EXPECT="" LABEL=""
while [ $# -gt 0 ]; do
  case $1 in
    --nvim) NVIM=$2; shift 2 ;;
    --snippet) SNIPPET=$2; shift 2 ;;
    --expect-version) EXPECT=$2; shift 2 ;;
    --label) LABEL=$2; shift 2 ;;
    *) echo "usage: $0 --nvim PATH --snippet NAME [--expect-version X.Y.Z] [--label NAME]" >&2; exit 2 ;;
  esac
done
[ -n "$NVIM" ] && [ -n "$SNIPPET" ] || { echo "usage: $0 --nvim PATH --snippet NAME" >&2; exit 2; }
LABEL=${LABEL:-$SNIPPET}
ARTIFACTS="$REPO/.artifacts/$LABEL"

fail() { echo "FAIL  $*"; echo "$LABEL: 0 passed, 1 failed"; exit 1; }

# The fenced block that follows "<!-- test-snippet: NAME -->" in docs/editors.md.
snippet() {
  awk -v marker="<!-- test-snippet: $1 -->" '
    $0 == marker { state = 1; next }
    state == 1 && /^```/ { state = 2; next }
    state == 2 && /^```/ { exit }
    state == 2 { print }
  ' "$DOCS"
}

command -v "$NVIM" >/dev/null 2>&1 || fail "no Neovim at $NVIM"
[ -x "$SERVER" ] || fail "no funcls server at $SERVER (install the project: .venv/bin/pip install -e .; or set FUNCLS_SERVER)"
VERSION_LINE=$(timeout 20 "$NVIM" --version </dev/null | head -n 1) || fail "$NVIM --version failed"
if [ -n "$EXPECT" ] && [ "$VERSION_LINE" != "NVIM v$EXPECT" ]; then
  fail "$NVIM is '$VERSION_LINE', expected NVIM v$EXPECT"
fi

RUN=$(mktemp -d "${TMPDIR:-/tmp}/funcls-nvim.XXXXXX")
cleanup() {
  if [ "${FUNCLS_E2E_KEEP:-0}" = 1 ]; then echo "kept $RUN" >&2; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
mkdir -p "$RUN/home" "$RUN/config/nvim" "$RUN/data" "$RUN/state" "$RUN/cache" "$ARTIFACTS"
rm -f "$ARTIFACTS"/*
snippet "$SNIPPET" >"$RUN/config/nvim/init.lua"
[ -s "$RUN/config/nvim/init.lua" ] || fail "no snippet '$SNIPPET' in $DOCS"
cp "$RUN/config/nvim/init.lua" "$ARTIFACTS/init.lua"
cp -R "$FIXTURE" "$RUN/app"
cp -R "$V2_FIXTURE" "$RUN/v2app"

start_ms=$(( $(date +%s%N) / 1000000 ))
set +e
(
  cd "$RUN/app"
  exec env -i PATH="$(dirname "$SERVER"):$PATH" HOME="$RUN/home" TERM=dumb LANG=C.UTF-8 \
    XDG_CONFIG_HOME="$RUN/config" XDG_DATA_HOME="$RUN/data" XDG_STATE_HOME="$RUN/state" \
    XDG_CACHE_HOME="$RUN/cache" TMPDIR="$RUN" \
    FUNCLS_T_APP="$RUN/app" FUNCLS_T_V2_APP="$RUN/v2app" FUNCLS_T_RESULT="$RUN/result.txt" FUNCLS_T_TIMEOUT_MS="${FUNCLS_T_TIMEOUT_MS:-20000}" \
    timeout -k 5 "$TIMEOUT" "$NVIM" --headless -n -i NONE -c "luafile $HERE/check.lua"
) </dev/null >"$ARTIFACTS/nvim.log" 2>&1
status=$?
set -e
elapsed_ms=$(( $(date +%s%N) / 1000000 - start_ms ))
elapsed="$((elapsed_ms / 1000)).$(( (elapsed_ms % 1000) / 100 ))"

touch "$RUN/result.txt"
cp "$RUN/result.txt" "$ARTIFACTS/result.txt"
find "$RUN/state" "$RUN/cache" -name 'lsp.log' -exec cp {} "$ARTIFACTS/lsp.log" \; 2>/dev/null || true

grep -v '^info ' "$RUN/result.txt" || true
grep '^info ' "$RUN/result.txt" | sed 's/^/  /' || true
passed=$(grep -c '^PASS' "$RUN/result.txt" || true)
failed=$(grep -c '^FAIL' "$RUN/result.txt" || true)
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "FAIL  $LABEL did not finish within ${TIMEOUT}s"
  failed=$((failed + 1))
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "FAIL  Neovim exited with status $status (see $ARTIFACTS/nvim.log)"
  failed=$((failed + 1))
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "FAIL  no checks ran (see $ARTIFACTS/nvim.log)"
  failed=1
fi
echo "$LABEL: $passed passed, $failed failed (${elapsed}s, $VERSION_LINE)"
[ "$failed" -eq 0 ]
