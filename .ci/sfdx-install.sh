#!/usr/bin/env bash
# Installs the Salesforce CLI and the LWC Jest runner from npm into a cache folder, for the tests that validate the
# generated SFDX project offline (`sf project convert source`, `sfdx-lwc-jest`); no org is contacted. Idempotent:
# nothing is fetched when the pinned versions are there. Telemetry, update checks and auto-update are off.
# @salesforce/cli 2.150.6 needs Node 22 (its engines field; on Node 20 its undici fails to load), so unless the
# machine's node is 22.19 or later, Node 22 comes from npm too (node-linux-<arch>, the binary inside a registry package).
# Layout: <folder>/bin/sf and <folder>/bin/sfdx-lwc-jest (wrappers that put that Node first and switch telemetry
# off), <folder>/lwc/node_modules (a generated project's node_modules links here for its jest.config.js).
# Prints only the folder, on its last line.
set -euo pipefail
export SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_SKIP_NEW_VERSION_CHECK=true
export npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false
CLI_VERSION=2.150.6
JEST_VERSION=7.9.0
NODE_VERSION=22.23.3
dir="${CRMX_SFDX_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/crmx-sfdx}"
command -v npm >/dev/null || { echo "npm is missing (Node 20 or later is needed)" >&2; exit 1; }
mkdir -p "$dir/cli" "$dir/lwc" "$dir/node" "$dir/bin"

nodebin=""
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>22||(a===22&&b>=19)?0:1)' 2>/dev/null; then
  case "$(uname -m)" in x86_64) arch=x64 ;; aarch64|arm64) arch=arm64 ;; *) echo "no Node package for $(uname -m)" >&2; exit 1 ;; esac
  if [ ! -x "$dir/node/node_modules/node-linux-$arch/bin/node" ] || [ ! -f "$dir/node/.installed-$NODE_VERSION" ]; then
    npm install --prefix "$dir/node" --no-audit --no-fund --loglevel=error "node-linux-$arch@$NODE_VERSION" >&2
    touch "$dir/node/.installed-$NODE_VERSION"
  fi
  nodebin="$dir/node/node_modules/node-linux-$arch/bin"
fi

if [ ! -f "$dir/cli/.installed-$CLI_VERSION" ] || [ ! -x "$dir/cli/bin/sf" ]; then
  npm install --global --prefix "$dir/cli" --no-audit --no-fund --loglevel=error "@salesforce/cli@$CLI_VERSION" >&2
  touch "$dir/cli/.installed-$CLI_VERSION"
fi

if [ ! -f "$dir/lwc/.installed-$JEST_VERSION" ] || [ ! -x "$dir/lwc/node_modules/.bin/sfdx-lwc-jest" ]; then
  printf '{ "name": "crmx-lwc-jest", "private": true, "devDependencies": { "@salesforce/sfdx-lwc-jest": "%s" } }\n' "$JEST_VERSION" > "$dir/lwc/package.json"
  npm install --prefix "$dir/lwc" --no-audit --no-fund --loglevel=error >&2
  touch "$dir/lwc/.installed-$JEST_VERSION"
fi

for tool in sf:"$dir/cli/bin/sf" sfdx-lwc-jest:"$dir/lwc/node_modules/.bin/sfdx-lwc-jest"; do
  cat > "$dir/bin/${tool%%:*}" <<WRAPPER
#!/bin/sh
export PATH="${nodebin:+$nodebin:}\$PATH" SF_DISABLE_TELEMETRY=true SF_AUTOUPDATE_DISABLE=true SF_SKIP_NEW_VERSION_CHECK=true
exec "${tool#*:}" "\$@"
WRAPPER
  chmod +x "$dir/bin/${tool%%:*}"
done

"$dir/bin/sf" --version >&2
echo "$dir"
