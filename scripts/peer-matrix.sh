#!/usr/bin/env bash
# Runs the Node + happy-dom test projects (npm run test:node) against each peer combination the
# README's compatibility table claims, by installing the row's versions in place (--no-save, from the
# npm cache when it has them), then restores the lock file's versions.
#   bash scripts/peer-matrix.sh                     every row
#   bash scripts/peer-matrix.sh react18-starknet8   only the rows named
# The last row is the lock file's own set: .ci/run skips it, its `npm test` already ran those suites
# (and the browser ones) on it. Prints one line per row with its wall time, and last
# "matrix: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci-out
export NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
dev() { node -p "require('./package.json').devDependencies['$1']"; }
# The React query layer: the lock file's (newest) on every row but the floor, which has the oldest
# @starknet-react/core 5 (5.0.1; there is no 5.0.0) and the oldest @tanstack/react-query it accepts.
newest_query="@starknet-react/core@$(dev @starknet-react/core) @tanstack/react-query@$(dev @tanstack/react-query)"
lock_set="react@$(dev react) react-dom@$(dev react-dom) starknet@$(dev starknet) $newest_query"
rows=(
  "react18.0-starknet8.5 react@18.0.0 react-dom@18.0.0 starknet@8.5.2 @starknet-react/core@5.0.1 @tanstack/react-query@5.25.0"
  "react18-starknet8 react@18.3.1 react-dom@18.3.1 starknet@8.9.2 $newest_query"
  "react19-starknet9 react@19.3.1 react-dom@19.3.1 starknet@9.4.2 $newest_query"
  "react19-starknet10 $lock_set"
)
wanted=("$@")
installed_version() { node -p "require('./node_modules/$1/package.json').version"; }

total_passed=0
total_failed=0
changed=false
for row in "${rows[@]}"; do
  read -r name pkgs <<<"$row"
  if [ "${#wanted[@]}" -gt 0 ] && [[ " ${wanted[*]} " != *" $name "* ]]; then continue; fi
  t0=$(date +%s)
  # shellcheck disable=SC2086
  if [ "$pkgs" != "$lock_set" ] || $changed; then
    changed=true
    # --legacy-peer-deps: the root's `overrides` (React/starknet for @starknet-react/core) otherwise refuse
    # an older @starknet-react/core; the versions installed are the row's either way (printed below).
    if ! npm install --no-save --loglevel=error --legacy-peer-deps $pkgs >".ci-out/matrix-$name.install.log" 2>&1; then
      echo "$name: install failed (.ci-out/matrix-$name.install.log)"
      total_failed=$((total_failed + 1))
      continue
    fi
  fi
  t1=$(date +%s)
  versions="react $(installed_version react), starknet $(installed_version starknet), @starknet-react/core $(installed_version @starknet-react/core), @tanstack/react-query $(installed_version @tanstack/react-query)"
  npm run -s test:node -- --reporter=dot --reporter=json --outputFile.json=".ci-out/matrix-$name.json" \
    >".ci-out/matrix-$name.log" 2>&1
  read -r p f < <(node -e "try{const r=require('./.ci-out/matrix-$name.json');console.log(r.numPassedTests,r.numFailedTests+(r.numTotalTests?0:1))}catch{console.log(0,1)}")
  echo "$name ($versions, node $(node -v)): $p passed, $f failed; install $((t1 - t0))s, tests $(($(date +%s) - t1))s"
  [ "$f" -ne 0 ] && grep -E "FAIL|×|AssertionError|Error:|Expected|Received|❯ .*test" ".ci-out/matrix-$name.log" | head -40
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
done
if $changed; then
  # shellcheck disable=SC2086
  npm install --no-save --loglevel=error $lock_set >/dev/null 2>&1 || npm ci --loglevel=error
fi
echo "matrix: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
