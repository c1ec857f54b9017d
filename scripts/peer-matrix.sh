#!/usr/bin/env bash
# Runs the Node + happy-dom test projects against each peer-dependency version we claim, by installing
# the other versions in place (--no-save), then restores the lock file's versions.
# Prints one line per combination and, last, "matrix: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p .ci-out
# starknet 8 and 9 are not claimed: 10 of 448 tests fail on 8.9.2 (see the README's compatibility table).
combos=(
  "react18 react@18.3.1 react-dom@18.3.1"
)
dev() { node -p "require('./package.json').devDependencies['$1']"; }
restore="react@$(dev react) react-dom@$(dev react-dom) starknet@$(dev starknet)"
total_passed=0
total_failed=0
for combo in "${combos[@]}"; do
  read -r name pkgs <<<"$combo"
  echo "=== peer matrix: $name ($pkgs)"
  # shellcheck disable=SC2086
  if ! npm install --no-save --loglevel=error $pkgs >/dev/null 2>&1; then
    echo "$name: install failed"
    total_failed=$((total_failed + 1))
    continue
  fi
  echo "  react $(node -p "require('react/package.json').version")"
  npx vitest run --project node --project dom --reporter=dot --reporter=json --outputFile.json=".ci-out/matrix-$name.json" >".ci-out/matrix-$name.log" 2>&1
  read -r p f < <(node -e "try{const r=require('./.ci-out/matrix-$name.json');console.log(r.numPassedTests,r.numFailedTests)}catch{console.log(0,1)}")
  echo "$name: $p passed, $f failed"
  [ "$f" -ne 0 ] && grep -E "FAIL|×" ".ci-out/matrix-$name.log" | head -20
  total_passed=$((total_passed + p))
  total_failed=$((total_failed + f))
done
# shellcheck disable=SC2086
npm install --no-save --loglevel=error $restore >/dev/null 2>&1 || npm ci --loglevel=error
echo "matrix: $total_passed passed, $total_failed failed"
[ "$total_failed" -eq 0 ]
