# Shared set-up for scripts/serve and scripts/test (sourced, not run): a pinned Python venv in .venv and the
# pinned npm packages in node_modules. Re-runs an install only when its pins changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NO_MKDOCS_2_WARNING=1 PIP_DISABLE_PIP_VERSION_CHECK=1

PYTHON_BIN="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv with $($PYTHON_BIN --version)"
  "$PYTHON_BIN" -m venv .venv
fi
pins="$(cat requirements.txt constraints.txt | sha256sum | cut -c1-16)"
if [ "$(cat .venv/.pins 2>/dev/null || true)" != "$pins" ]; then
  echo "== installing Python packages (requirements.txt, pinned by constraints.txt)"
  .venv/bin/python -m pip install --quiet -r requirements.txt -c constraints.txt
  echo "$pins" > .venv/.pins
fi
npins="$(cat package.json package-lock.json | sha256sum | cut -c1-16)"
if [ ! -f node_modules/pyodide/pyodide.mjs ] || [ "$(cat node_modules/.pins 2>/dev/null || true)" != "$npins" ]; then
  echo "== installing npm packages (package-lock.json)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$npins" > node_modules/.pins
fi
export PATH="$ROOT/.venv/bin:$PATH"
