# Sourced by scripts/run and scripts/test: make sure $VENV has the pinned dependencies.
# Reinstalls only when pyproject.toml changed since the last install.
VENV=${VENV:-.venv}
if [ -z "${PYTHON:-}" ]; then
  if command -v python3.11 >/dev/null 2>&1; then PYTHON=python3.11; else PYTHON=python3; fi
fi

ensure_venv() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    echo "Creating a virtualenv in $VENV with $("$PYTHON" --version)"
    "$PYTHON" -m venv "$VENV"
  fi
  local digest
  digest=$("$VENV/bin/python" -c 'import hashlib; print(hashlib.sha256(open("pyproject.toml", "rb").read()).hexdigest()[:16])')
  local stamp="$VENV/.installed-$digest-${extras:-base}"
  if [ ! -f "$stamp" ]; then
    echo "Installing the pinned dependencies${extras:+ ($extras)}..."
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check ".${extras:+[$extras]}"
    rm -f "$VENV"/.installed-*
    touch "$stamp"
  fi
}
