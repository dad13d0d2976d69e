#!/usr/bin/env bash
# Runs funcls in a real Emacs with Eglot, in batch mode, configured with the Eglot snippet from
# docs/editors.md, and checks Flymake diagnostics and completion on a copy of
# tests/editors/fixtures/app, then a diagnostic, its quick fix, hover, definition and rename on
# the decorators of the v2 app tests/editors/fixtures/v2app (check.el).
#
# Usage: run.sh [--emacs PATH] [--label NAME]
#
# The snippet is written, unchanged, to init.el and loaded after package activation, as an
# interactive Emacs does at start-up (batch mode skips package activation, so it is done here).
#
# Environment:
#   FUNCLS_SERVER          the funcls executable (default <repo>/.venv/bin/funcls); its folder goes
#                          first on PATH, because the snippet runs plain `funcls`
#   FUNCLS_EDITOR_TIMEOUT  seconds for the whole editor run (default 60)
#   FUNCLS_T_TIMEOUT       seconds each check waits for the server (default 20)
#   FUNCLS_E2E_KEEP=1      keep the scratch folder
# Output: one PASS/FAIL line per check, then "<label>: N passed, N failed". Exit status 0 when all
# passed. init.el, the results and Emacs's output go to .artifacts/<label>/.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../../.." && pwd)
DOCS="$REPO/docs/editors.md"
FIXTURE="$REPO/tests/editors/fixtures/app"
V2_FIXTURE="$REPO/tests/editors/fixtures/v2app"
SERVER=${FUNCLS_SERVER:-$REPO/.venv/bin/funcls}
TIMEOUT=${FUNCLS_EDITOR_TIMEOUT:-60}
EMACS=emacs
LABEL=emacs-eglot

while [ $# -gt 0 ]; do
  case $1 in
    --emacs) EMACS=$2; shift 2 ;;
    --label) LABEL=$2; shift 2 ;;
    *) echo "usage: $0 [--emacs PATH] [--label NAME]" >&2; exit 2 ;;
  esac
done
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

command -v "$EMACS" >/dev/null 2>&1 || fail "no Emacs at $EMACS"
[ -x "$SERVER" ] || fail "no funcls server at $SERVER (install the project: .venv/bin/pip install -e .; or set FUNCLS_SERVER)"
VERSION_LINE=$(timeout 20 "$EMACS" --version </dev/null | head -n 1) || fail "$EMACS --version failed"

RUN=$(mktemp -d "${TMPDIR:-/tmp}/funcls-emacs.XXXXXX")
cleanup() {
  if [ "${FUNCLS_E2E_KEEP:-0}" = 1 ]; then echo "kept $RUN" >&2; else rm -rf "$RUN"; fi
}
trap cleanup EXIT
mkdir -p "$RUN/home" "$ARTIFACTS"
rm -f "$ARTIFACTS"/*
snippet emacs-eglot >"$RUN/init.el"
[ -s "$RUN/init.el" ] || fail "no snippet 'emacs-eglot' in $DOCS"
cp "$RUN/init.el" "$ARTIFACTS/init.el"
cp -R "$FIXTURE" "$RUN/app"
cp -R "$V2_FIXTURE" "$RUN/v2app"

start_ms=$(( $(date +%s%N) / 1000000 ))
set +e
(
  cd "$RUN/app"
  exec env -i PATH="$(dirname "$SERVER"):$PATH" HOME="$RUN/home" TERM=dumb LANG=C.UTF-8 TMPDIR="$RUN" \
    FUNCLS_T_APP="$RUN/app" FUNCLS_T_V2_APP="$RUN/v2app" FUNCLS_T_RESULT="$RUN/result.txt" FUNCLS_T_TIMEOUT="${FUNCLS_T_TIMEOUT:-20}" \
    timeout -k 5 "$TIMEOUT" "$EMACS" --batch --eval '(package-activate-all)' \
    -l "$RUN/init.el" -l "$HERE/check.el"
) </dev/null >"$ARTIFACTS/emacs.log" 2>&1
status=$?
set -e
elapsed_ms=$(( $(date +%s%N) / 1000000 - start_ms ))
elapsed="$((elapsed_ms / 1000)).$(( (elapsed_ms % 1000) / 100 ))"

touch "$RUN/result.txt"
cp "$RUN/result.txt" "$ARTIFACTS/result.txt"

grep -v '^info ' "$RUN/result.txt" || true
grep '^info ' "$RUN/result.txt" | sed 's/^/  /' || true
passed=$(grep -c '^PASS' "$RUN/result.txt" || true)
failed=$(grep -c '^FAIL' "$RUN/result.txt" || true)
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
  echo "FAIL  $LABEL did not finish within ${TIMEOUT}s"
  failed=$((failed + 1))
elif [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "FAIL  Emacs exited with status $status (see $ARTIFACTS/emacs.log)"
  failed=$((failed + 1))
fi
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
  echo "FAIL  no checks ran (see $ARTIFACTS/emacs.log)"
  failed=1
fi
echo "$LABEL: $passed passed, $failed failed (${elapsed}s, $VERSION_LINE)"
[ "$failed" -eq 0 ]
