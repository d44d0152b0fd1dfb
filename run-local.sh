#!/usr/bin/env bash
# Runs the whole service on this machine with demo data, and its console at http://127.0.0.1:8080/.
# Needs Java 17+, Maven 3.8+, Python 3 with moto and Pebble (the local ACME CA); no Docker, no AWS account.
# Ports: API_PORT (default 8080; console and API), AWS_PORT (default: a free one). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

fail() { echo "run-local.sh: $*" >&2; exit 1; }
command -v java >/dev/null 2>&1 || fail "Java 17 or newer is needed (e.g. apt-get install openjdk-17-jdk-headless)."
java_major=$(java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print v[1]; exit}')
[[ "${java_major:-0}" -ge 17 ]] || fail "Java 17 or newer is needed; found $(java -version 2>&1 | head -n 1)."
command -v mvn >/dev/null 2>&1 || fail "Maven 3.8 or newer is needed (e.g. apt-get install maven)."
python3 -c 'import moto.server' >/dev/null 2>&1 || fail "moto for Python 3 is needed: pip install 'moto[server]==5.2.1'."
[[ -x "${PEBBLE_BINARY:-/usr/bin/pebble}" ]] || fail "Pebble, the local ACME CA, is needed: apt-get install pebble (or set PEBBLE_BINARY)."

jar=local/stack/target/local-stack.jar
if [[ ! -f "$jar" ]] || [[ -n "$(find pom.xml template.yaml statemachine functions local -newer "$jar" -type f \
      -not -path '*/target/*' -not -path '*/node_modules/*' -print -quit)" ]]; then
  echo "Building the functions and the local stack (first run, or the sources changed)..."
  mvn -B -q package -DskipTests || fail "the build failed; see the output above."
fi

export API_PORT="${API_PORT:-8080}" DEMO_DATA=1
exec java -jar "$jar"
