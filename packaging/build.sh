#!/usr/bin/env bash
# Build the one-folder bundle in packaging/dist/partnerboard with PyInstaller.
# Uses Python 3.12 or newer when one is installed (TECH-NOTES: the bundle should not carry
# 3.11), else python3 with its safe PySide6 (the dependency markers keep 6.12 off 3.11).
set -euo pipefail
cd "$(dirname "$0")/.."
pick_python() {
    for candidate in ${PACKAGING_PYTHON:-} python3.13 python3.12 \
        "$HOME"/.pyenv/versions/3.13*/bin/python3 "$HOME"/.pyenv/versions/3.12*/bin/python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys, sysconfig; assert sys.version_info >= (3, 12) and sysconfig.get_config_var("Py_ENABLE_SHARED")' 2>/dev/null; then
            echo "$candidate"; return
        fi
    done
    echo python3
}
PY="$(pick_python)"
echo "Packaging with $("$PY" --version)"
[ -x packaging/.venv/bin/python ] || "$PY" -m venv packaging/.venv
packaging/.venv/bin/python -m pip install --quiet --disable-pip-version-check . 'pyinstaller>=6.10'
packaging/.venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
    --distpath packaging/dist --workpath packaging/build packaging/partnerboard.spec
du -sh packaging/dist/partnerboard
