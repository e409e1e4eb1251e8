#!/usr/bin/env bash
# Lighthouse (mobile, simulated throttling) on the pages of the journeys.
# Not part of CI: run it by hand and record the scores in docs/PERFORMANCE.md.
#
# What it does: builds peduli, starts it on embedded SQLite in a fresh data
# directory (a first run, so Rindu Sejahtera gets its demo year of records),
# reads the demo logins it prints, creates a coordinator of Kabupaten
# Kupang (53.01) through `peduli user create` and the admin API, logs in
# through /api/v1/auth/login and runs Lighthouse on each page, passing the
# session as a cookie with --extra-headers for the pages that need a login.
# It prints one line of four scores per page (the median of LH_RUNS runs)
# with the audits that cost points, and keeps the JSON reports.
#
# Needs: Go, Node.js 18+, Debian's chromium, curl. Lighthouse comes from the
# npm registry:
#
#   npm install --prefix /tmp/lh lighthouse
#   scripts/lighthouse/run.sh                    # from the repository root
#
# Settings (environment):
#   LIGHTHOUSE   the lighthouse command   (default /tmp/lh/node_modules/.bin/lighthouse)
#   CHROME_PATH  the browser              (default: chromium on PATH)
#   LH_PORT      where peduli listens     (default 18095, on 127.0.0.1 only)
#   LH_OUT       reports directory        (default /tmp/peduli-lighthouse-<time>)
#   LH_ONLY      a space-separated subset of the page names below
#   LH_RUNS      runs per page (default 3); the median of each score is shown,
#                as Lighthouse advises: on a shared machine one run's
#                total blocking time swings with the other processes
set -euo pipefail

LIGHTHOUSE=${LIGHTHOUSE:-/tmp/lh/node_modules/.bin/lighthouse}
export CHROME_PATH=${CHROME_PATH:-$(command -v chromium)}
PORT=${LH_PORT:-18095}
RUNS=${LH_RUNS:-3}
OUT=${LH_OUT:-/tmp/peduli-lighthouse-$(date -u +%Y%m%dT%H%M%S)}
BASE=http://127.0.0.1:$PORT
GROUP=rindu-sejahtera
COORD_EMAIL=koordinator.kupang@peduli.example
COORD_PASS=koordinator-kupang-lighthouse

mkdir -p "$OUT/data"
export PEDULI_ADDR=127.0.0.1:$PORT PEDULI_BASE_URL=$BASE PEDULI_DATA_DIR=$OUT/data PEDULI_LOG_LEVEL=warn

echo "building peduli…"
go build -o "$OUT/peduli" ./cmd/peduli

"$OUT/peduli" serve >"$OUT/serve.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true' EXIT
for _ in $(seq 1 240); do
	curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
	kill -0 $SERVER 2>/dev/null || { cat "$OUT/serve.log"; exit 1; }
	sleep 0.5
done
curl -fsS "$BASE/readyz" >/dev/null || { echo "peduli did not become ready" >&2; cat "$OUT/serve.log"; exit 1; }

# The demo logins are printed once, on the first run.
password_of() { sed -n "s/.*$1 *password: \([^ ]*\).*/\1/p" "$OUT/serve.log" | head -n1; }
OWNER_PASS=$(password_of 'ketua@rindu-sejahtera.example')
ADMIN_PASS=$(password_of 'admin@peduli.example')
[ -n "$OWNER_PASS" ] && [ -n "$ADMIN_PASS" ] || { echo "no demo logins in the log" >&2; cat "$OUT/serve.log"; exit 1; }

login() {
	curl -fsS -X POST "$BASE/api/v1/auth/login" -H 'Content-Type: application/json' \
		-d "{\"email\":\"$1\",\"password\":\"$2\"}" | sed 's/.*"token":"\([^"]*\)".*/\1/'
}
OWNER=$(login ketua@rindu-sejahtera.example "$OWNER_PASS")
ADMIN=$(login admin@peduli.example "$ADMIN_PASS")
printf '%s\n' "$COORD_PASS" | "$OUT/peduli" user create --email "$COORD_EMAIL" --name "Koordinator Kupang" >/dev/null
curl -fsS -X POST "$BASE/api/v1/admin/regions/53.01/coordinators" -H "Authorization: Bearer $ADMIN" \
	-H 'Content-Type: application/json' -d "{\"email\":\"$COORD_EMAIL\"}" >/dev/null
COORD=$(login "$COORD_EMAIL" "$COORD_PASS")

# name | path | session token ("" = not signed in)
PAGES="landing|/|
login|/login|
group|/g/$GROUP|
donate|/g/$GROUP/donate|
dashboard|/t/$GROUP|$OWNER
beneficiaries|/t/$GROUP/beneficiaries|$OWNER
region|/regions/53.01|$COORD
admin|/admin|$ADMIN"

echo "$(date -u '+%Y-%m-%d %H:%M UTC') · load: $(cut -d' ' -f1-3 /proc/loadavg) · $(nproc) cores · $("$CHROME_PATH" --version 2>/dev/null) · lighthouse $("$LIGHTHOUSE" --version) · $RUNS runs per page, median"
printf '%-14s %-32s %5s %5s %5s %5s  %s\n' page path perf a11y bp seo 'perf min–max'
while IFS='|' read -r name path token; do
	if [ -n "${LH_ONLY:-}" ] && [[ " $LH_ONLY " != *" $name "* ]]; then continue; fi
	headers=()
	if [ -n "$token" ]; then
		printf '{"Cookie":"peduli_session=%s"}' "$token" >"$OUT/$name.headers.json"
		headers=(--extra-headers="$OUT/$name.headers.json")
	fi
	for run in $(seq 1 "$RUNS"); do
		"$LIGHTHOUSE" "$BASE$path" --quiet --output=json --output-path="$OUT/$name.$run.json" \
			--only-categories=performance,accessibility,best-practices,seo \
			--chrome-flags="--headless=new --no-sandbox --disable-dev-shm-usage" "${headers[@]}" || true
	done
	node "$(dirname "$0")/scores.js" "$OUT" "$name" "$path" "$RUNS"
done <<<"$PAGES"
echo "reports: $OUT"
