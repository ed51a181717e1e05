#!/bin/sh
# Makes sure bun and node_modules exist before `dev`/`test`; a fast no-op when they already do.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
cd "$root"

bun_instructions() {
  cat >&2 <<'EOF'
Install Bun in one of these ways, then run the command again:
  - system-wide with npm:   sudo npm install -g bun
  - in your home with npm:  npm install --prefix "$HOME/.bun-npm" bun
                            and add  export PATH="$HOME/.bun-npm/bin:$PATH"  to ~/.profile
  - the official installer: curl -fsSL https://bun.sh/install | bash
EOF
}

if ! command -v bun >/dev/null 2>&1; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "bootstrap: this project needs Bun, and neither bun nor npm is installed." >&2
    echo "Get npm with Node.js (Debian/Ubuntu: sudo apt-get install -y nodejs npm) or skip it:" >&2
    bun_instructions
    exit 1
  fi
  echo "bootstrap: bun is not installed; installing it with: npm install -g bun"
  # npm 11 warns that bun's install script is not allowed to run; the binary still arrives
  # through an optional dependency, so the warning is harmless.
  if ! npm install -g bun; then
    echo "bootstrap: npm install -g bun failed (often: no permission for npm's global folder)." >&2
    bun_instructions
    exit 1
  fi
  hash -r 2>/dev/null || true
  if ! command -v bun >/dev/null 2>&1; then
    echo "bootstrap: bun was installed into $(npm prefix -g)/bin, which is not on your PATH." >&2
    echo "Add  export PATH=\"$(npm prefix -g)/bin:\$PATH\"  to ~/.profile, open a new shell," >&2
    echo "and run the command again." >&2
    exit 1
  fi
fi

# Reinstall only when the lockfile or a manifest changed since the last install.
stamp=node_modules/.bun-installed
if [ ! -d node_modules ] || [ ! -f "$stamp" ] ||
  [ -n "$(find bun.lock package.json apps/*/package.json packages/*/package.json \
    -newer "$stamp" 2>/dev/null | head -n 1)" ]; then
  if [ -n "${CI:-}" ]; then
    bun install --frozen-lockfile
  else
    bun install
  fi
  touch "$stamp"
fi
