# shellcheck shell=bash
# Shared by scripts/dev and scripts/test: find a Python 3.12+ and a uv that actually runs.
#
#   source scripts/lib.sh; herald_find_python; herald_find_uv
#
# sets PY (an interpreter's real path, never a shim) and UV. HERALD_PYTHON and HERALD_UV override
# the search.

HERALD_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

herald_say() { printf '%s\n' "$*" >&2; }

# Prints the interpreter's real path if it runs and is 3.12 or newer. Shims (pyenv's) are resolved
# here, because a shim that works in this folder may fail from any other.
herald_python_ok() {
    "$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1 || return 1
    "$1" -c 'import sys; print(sys.executable)' 2>/dev/null
}

herald_find_python() {
    local candidates=() candidate found
    if [[ -n "${HERALD_PYTHON:-}" ]]; then
        candidates+=("$HERALD_PYTHON")
    fi
    # pyenv honours .python-version (3.13) when asked from this folder.
    if command -v pyenv >/dev/null 2>&1; then
        found="$(cd "$HERALD_ROOT" && pyenv which python3 2>/dev/null)" && candidates+=("$found")
    fi
    candidates+=(python3.13 python3.12 python3)
    # Installed pyenv versions even when pyenv is not on PATH, newest first.
    while IFS= read -r found; do
        candidates+=("$found")
    done < <(ls -d "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV)
    for candidate in "${candidates[@]}"; do
        command -v "$candidate" >/dev/null 2>&1 || continue
        if found="$(cd "$HERALD_ROOT" && herald_python_ok "$candidate")" && [[ -n "$found" ]]; then
            PY="$found"
            return 0
        fi
    done
    herald_say "Herald needs Python 3.12 or newer (3.13 recommended), and found none."
    herald_say "Looked for: \$HERALD_PYTHON, pyenv's python (.python-version), python3.13,"
    herald_say "python3.12, python3 and ~/.pyenv/versions/3.1x. To install one:"
    herald_say "  Debian 13 or Ubuntu 24.04+:  sudo apt install python3 python3-venv"
    herald_say "  Debian 12 or older:          pyenv install 3.13  (https://github.com/pyenv/pyenv)"
    herald_say "  macOS:                       brew install python@3.13"
    herald_say "or point HERALD_PYTHON at a python3.12+ interpreter, then run this again."
    return 1
}

# A uv that runs (the one on PATH may be a shim that fails here), or one installed into .tools/.
herald_find_uv() {
    local candidate
    for candidate in "${HERALD_UV:-}" uv "$HERALD_ROOT/.tools/bin/uv" "$HOME/.local/bin/uv" \
        "$HOME/.cargo/bin/uv"; do
        [[ -n "$candidate" ]] || continue
        if (cd "$HERALD_ROOT" && "$candidate" --version >/dev/null 2>&1); then
            UV="$(command -v "$candidate")"
            return 0
        fi
    done
    herald_say "No working uv found; installing one into .tools/ with $PY"
    rm -rf "$HERALD_ROOT/.tools"
    if ! "$PY" -m venv "$HERALD_ROOT/.tools" >&2; then
        herald_say "Could not create a virtual environment with $PY."
        herald_say "On Debian or Ubuntu: sudo apt install python3-venv (or python3.X-venv), then retry;"
        herald_say "or install uv yourself: https://docs.astral.sh/uv/getting-started/installation/"
        return 1
    fi
    "$HERALD_ROOT/.tools/bin/pip" install --quiet --disable-pip-version-check uv >&2 || {
        herald_say "Could not install uv from PyPI into .tools/."
        return 1
    }
    UV="$HERALD_ROOT/.tools/bin/uv"
}

# Install exactly what uv.lock says into .venv, with the Python found above.
herald_sync() {
    (cd "$HERALD_ROOT" && "$UV" sync --frozen --python "$PY" "$@")
}
