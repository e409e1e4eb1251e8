#!/usr/bin/env bash
# Load run against a seeded PostgreSQL database (see scripts/load/README.md).
#
# Starts Peduli as the non-owner app role and the bare Fiber + pgx handler
# (scripts/load/bare) side by side, measures cold start (serve → /readyz
# 200) and resident memory, then drives them with hey: the 50-row
# beneficiary list at LOAD_CLIENTS clients (twice) and at a steady
# LOAD_RATE req/s, the public group page and API, a beneficiary's detail,
# attendance save, the coordinator's group lists, the region report, a
# donation checkout against stripe-mock, login and the dashboard. The
# list, the detail and the public API run against Peduli and then at once
# against the bare handler, and the table says how Peduli compares; every
# row has the server's CPU time per request and the load average.
# LOAD_PROFILE=1 adds CPU and allocation profiles (loopback pprof).
# Everything listens on and targets 127.0.0.1 only; every hey run is
# bounded by LOAD_DURATION or a request count; the servers are stopped
# when the script ends.
#
#   scripts/load/db-create.sh peduli_load        # once
#   PEDULI_DATABASE_URL=… PEDULI_MIGRATE_DATABASE_URL=… PEDULI_SECRET_KEY=… \
#       peduli dev seed --groups 10000 --staff 30 --beneficiaries 200
#   scripts/load/run.sh                          # LOAD_ONLY=list for the list alone
set -euo pipefail

DB=${PEDULI_LOAD_DB:-peduli_load}
DUR=${LOAD_DURATION:-10s}
CLIENTS=${LOAD_CLIENTS:-32}
RATE=${LOAD_RATE:-300}
ONLY=${LOAD_ONLY:-all}
PROFILE=${LOAD_PROFILE:-0}
PORT=${LOAD_PORT:-18090}
BARE_PORT=${LOAD_BARE_PORT:-18091}
STRIPE_PORT=${LOAD_STRIPE_PORT:-18111}
OUT=${LOAD_OUT:-/tmp/peduli-load-$(date -u +%Y%m%dT%H%M%S)}
PGSU=${PGSU:-postgres://postgres@127.0.0.1:5432/$DB?sslmode=disable}
BASE=http://127.0.0.1:$PORT
BARE=http://127.0.0.1:$BARE_PORT
PASSWORD=${LOAD_PASSWORD:-benih-peduli-dev}
PPROF=127.0.0.1:$((PORT + 5))

mkdir -p "$OUT/data"
export PEDULI_DATABASE_URL="postgres://${DB}_app@127.0.0.1:5432/$DB?sslmode=disable"
export PEDULI_MIGRATE_DATABASE_URL="postgres://${DB}_owner@127.0.0.1:5432/$DB?sslmode=disable"
export PEDULI_SECRET_KEY=${PEDULI_SECRET_KEY:-load-secret-key-of-at-least-32-characters-long}
export PEDULI_ADDR=127.0.0.1:$PORT PEDULI_BASE_URL=$BASE PEDULI_DATA_DIR=$OUT/data
export PEDULI_STRIPE_API_BASE=http://127.0.0.1:$STRIPE_PORT PEDULI_STRIPE_SECRET_KEY=sk_test_123
export PEDULI_STRIPE_WEBHOOK_SECRET=whsec_load_run PEDULI_LOG_LEVEL=warn
export PEDULI_TRUSTED_PROXIES=127.0.0.1 PEDULI_PROXY_HEADER=X-Real-IP # hey is the proxy: see the checkout
# The profiler listens on loopback only, and only when asked for.
if [ "$PROFILE" = 1 ]; then export PEDULI_PPROF_ADDR=$PPROF; else unset PEDULI_PPROF_ADDR; fi

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

echo "building into $OUT"
go build -o "$OUT/peduli" ./cmd/peduli
go build -o "$OUT/bare" ./scripts/load/bare

rss() { awk '/^VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }
hwm() { awk '/^VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$1/status"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# CPU time (user + system, in clock ticks) a server process has used: per
# request, it is what the machine's load moves least.
HZ=$(getconf CLK_TCK)
cputicks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
wait_ready() { # url timeout-seconds
	local end=$((SECONDS + $2))
	until curl -fso /dev/null "$1"; do
		[ $SECONDS -lt $end ] || { echo "$1 not ready after $2 s" >&2; return 1; }
		sleep 0.01
	done
}
q() { psql "$PGSU" -qAtc "$1"; }
results=$OUT/results.md
{
	echo "| run | target | clients | req/s | p50 | p99 | server CPU/req | statuses | load avg | vs bare |"
	echo "|---|---|---:|---:|---:|---:|---:|---|---|---|"
} > "$results"

# hey NAME TARGET CLIENTS ARGS… — one bounded run, one table row; leaves
# its req/s and p99 (ms) in last_rps and last_p99. When pair set vs_rps and
# vs_p99 (Peduli's figures), the row says how Peduli compares to this one.
last_rps='' last_p99='' vs_rps='' vs_p99=''
hit() {
	local name=$1 target=$2 c=$3; shift 3
	local before; before=$(load)
	local f="$OUT/hey-$(echo "$name-$target" | tr -c 'a-zA-Z0-9-' '_').txt"
	local pid=$PID
	[ "$target" = bare ] && pid=$BPID
	local cpu0; cpu0=$(cputicks "$pid")
	timeout 150 hey -t 60 -c "$c" "$@" > "$f" 2>&1 || true
	local rps p50 p99 codes ratio='' n cpu
	n=$(awk '/^ *\[[0-9]+\]/ {n += $2} END {print n + 0}' "$f")
	cpu=$(awk -v a="$cpu0" -v b="$(cputicks "$pid")" -v hz="$HZ" -v n="$n" \
		'BEGIN { if (n > 0) printf "%.2f ms", (b - a) * 1000 / hz / n }')
	rps=$(awk '/Requests\/sec/ {printf($2 < 10 ? "%.2f" : "%.0f", $2)}' "$f")
	p50=$(awk '/ 50%+ in/ {printf "%.1f ms", $3*1000}' "$f")
	p99=$(awk '/ 99%+ in/ {printf "%.1f ms", $3*1000}' "$f")
	codes=$(awk '/^ *\[[0-9]+\]/ {printf "%s%s×%s", sep, $1, $2; sep=" "}' "$f")
	last_rps=$rps last_p99=${p99% ms}
	if [ -n "$vs_rps" ]; then
		ratio=$(awk -v a="$vs_rps" -v b="$rps" -v x="$vs_p99" -v y="$last_p99" \
			'BEGIN { if (b > 0 && y > 0) printf "Peduli %.2f× req/s, %.2f× p99", a / b, x / y }')
	fi
	echo "| $name | $target | $c | ${rps:-–} | ${p50:-–} | ${p99:-–} | ${cpu:-–} | ${codes:-none} | $before | $ratio |" | tee -a "$results"
}

# pair NAME CLIENTS PATH ARGS… — the same run against Peduli, then the bare
# handler at once; the bare row carries Peduli's req/s and p99 as a
# multiple of the bare handler's.
pair() {
	local name=$1 c=$2 path=$3; shift 3
	hit "$name" peduli "$c" "$@" "$BASE$path"
	vs_rps=$last_rps vs_p99=$last_p99
	hit "$name" bare "$c" "$@" "$BARE$path"
	vs_rps='' vs_p99=''
}

# profile NAME PATH ARGS… — with LOAD_PROFILE=1, a CPU and an allocation
# profile of Peduli during a LOAD_CLIENTS run on PATH, and their top entries.
profile() {
	[ "$PROFILE" = 1 ] || return 0
	local name=$1 path=$2; shift 2
	local secs=${DUR%s}
	timeout 150 hey -t 60 -c "$CLIENTS" -z "$((secs + 4))s" "$@" "$BASE$path" > "$OUT/hey-profile-$name.txt" 2>&1 &
	local hp=$!
	sleep 1
	curl -fsS -o "$OUT/cpu-$name.pb.gz" "http://$PPROF/debug/pprof/profile?seconds=$secs"
	curl -fsS -o "$OUT/allocs-$name.pb.gz" "http://$PPROF/debug/pprof/allocs"
	wait $hp || true
	go tool pprof -top -nodecount=30 "$OUT/peduli" "$OUT/cpu-$name.pb.gz" > "$OUT/profile-$name-cpu.txt" 2>/dev/null || true
	go tool pprof -top -cum -nodecount=60 "$OUT/peduli" "$OUT/cpu-$name.pb.gz" > "$OUT/profile-$name-cpu-cum.txt" 2>/dev/null || true
	go tool pprof -sample_index=alloc_space -top -nodecount=30 "$OUT/peduli" "$OUT/allocs-$name.pb.gz" \
		> "$OUT/profile-$name-allocs.txt" 2>/dev/null || true
	echo "profile of $name: $(awk '/Requests\/sec/ {printf "%.0f req/s", $2}' "$OUT/hey-profile-$name.txt"), $OUT/profile-$name-*.txt"
}

STRIPE_MOCK=$(command -v stripe-mock || echo "$(go env GOPATH)/bin/stripe-mock")
"$STRIPE_MOCK" -http-addr 127.0.0.1:$STRIPE_PORT -https-addr 127.0.0.1:$((STRIPE_PORT + 1)) > "$OUT/stripe-mock.log" 2>&1 &
pids+=($!)

echo "load average before start: $(load)"
t0=$(date +%s%N)
"$OUT/peduli" serve > "$OUT/serve.log" 2>&1 &
PID=$!
pids+=($PID)
wait_ready "$BASE/readyz" 300
cold=$((($(date +%s%N) - t0) / 1000000))
rss_start=$(rss $PID)
echo "cold start ${cold} ms, RSS after start $rss_start"

BARE_DATABASE_URL=$PEDULI_DATABASE_URL "$OUT/bare" -addr 127.0.0.1:$BARE_PORT > "$OUT/bare.log" 2>&1 &
BPID=$!
pids+=($BPID)
wait_ready "$BARE/readyz" 30
for _ in $(seq 300); do # stripe-mock answers 200 to an authenticated request
	curl -fso /dev/null -u sk_test_123: "http://127.0.0.1:$STRIPE_PORT/v1/balance" && break
	sleep 0.1
done

SLUG=$(q "SELECT slug FROM tenants WHERE slug LIKE 'seed-%' AND verified ORDER BY slug LIMIT 1")
groups=$(q "SELECT count(*) FROM tenants")
login() {
	curl -fsS -H 'Content-Type: application/json' \
		-d "{\"email\":\"$1\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login" | jq -r .token
}
OWNER=$(login "staf0@$SLUG.seed.test")
COORD=$(login "koordinator-53@seed.test")
AUTH="Authorization: Bearer $OWNER"
LIST=/api/v1/t/$SLUG/beneficiaries
echo "group $SLUG of $groups; list: $(curl -fsS -H "$AUTH" "$BASE$LIST" | jq '.items | length') rows (Peduli), $(curl -fsS -H "$AUTH" "$BARE$LIST" | jq '.items | length') rows (bare)"

if [ "$ONLY" = dashboard ]; then
	# The group's own dashboard alone: its page and its API, twice each.
	for round in 1 2; do
		hit "dashboard page /t/{slug} #$round" peduli "$CLIENTS" -z "$DUR" -H "Cookie: peduli_session=$OWNER" "$BASE/t/$SLUG"
		hit "dashboard API reports/summary #$round" peduli "$CLIENTS" -z "$DUR" -H "$AUTH" "$BASE/api/v1/t/$SLUG/reports/summary"
	done
	profile dashboard "/t/$SLUG" -H "Cookie: peduli_session=$OWNER"
else
	for round in 1 2; do
		pair "list #$round" "$CLIENTS" "$LIST" -z "$DUR" -H "$AUTH"
	done
	per=$((RATE / 30))
	pair "list at $RATE req/s" 30 "$LIST" -q "$per" -z "$DUR" -H "$AUTH"
	profile list "$LIST" -H "$AUTH"
fi

if [ "$ONLY" = all ]; then
	BEN=$(curl -fsS -H "$AUTH" "$BASE$LIST" | jq -r '.items[0].id')
	PROG=$(curl -fsS -H "$AUTH" "$BASE/api/v1/t/$SLUG/programs" | jq -r '.items[0].id')
	ACT=$(curl -fsS -H "$AUTH" "$BASE/api/v1/t/$SLUG/programs/$PROG/activities" | jq -r '.items[-1].id')
	PRESENT=$(curl -fsS -H "$AUTH" "$BASE/api/v1/t/$SLUG/activities/$ACT/attendance" | jq -c '{present: [.items[] | select(.present) | .beneficiary_id]}')
	[ "$PRESENT" != '{"present":[]}' ] || PRESENT=$(curl -fsS -H "$AUTH" "$BASE/api/v1/t/$SLUG/programs/$PROG/enrollments" | jq -c '{present: [.items[:10][].beneficiary_id]}')
	COOKIE="Cookie: peduli_session=$OWNER"
	hit "public group page /g/{slug}" peduli "$CLIENTS" -z "$DUR" "$BASE/g/$SLUG"
	profile public-page "/g/$SLUG"
	pair "public group API" "$CLIENTS" "/api/v1/public/groups/$SLUG" -z "$DUR"
	pair "beneficiary detail (audited)" "$CLIENTS" "$LIST/$BEN" -z "$DUR" -H "$AUTH"
	profile detail "$LIST/$BEN" -H "$AUTH"
	hit "attendance save (PUT)" peduli "$CLIENTS" -z "$DUR" -m PUT -H "$AUTH" -T application/json -d "$PRESENT" \
		"$BASE/api/v1/t/$SLUG/activities/$ACT/attendance"
	hit "coordinator group list, province" peduli "$CLIENTS" -z "$DUR" -H "Authorization: Bearer $COORD" \
		"$BASE/api/v1/regions/53/groups"
	hit "coordinator group list, regency" peduli "$CLIENTS" -z "$DUR" -H "Authorization: Bearer $COORD" \
		"$BASE/api/v1/regions/53.71/groups"
	hit "region report, province, 3 requests" peduli 1 -n 3 -H "Authorization: Bearer $COORD" "$BASE/api/v1/regions/53/report"
	# The abuse limits allow 10 checkouts per client address and 100 per
	# group in 10 minutes, so this is 10 requests from one address (named
	# by the trusted-proxy header; no traffic goes to it), not a rate.
	hit "donation checkout (stripe-mock), 10 requests" peduli 2 -n 10 -m POST -T application/json \
		-H "X-Real-IP: 192.0.2.$((RANDOM % 250 + 1))" \
		-d '{"amount":5000000,"currency":"idr","donor":{"name":"Load Run","email":"load@example.org"}}' \
		"$BASE/api/v1/public/groups/$SLUG/donations"
	hit "login (argon2id), 40 requests" peduli 4 -n 40 -m POST -T application/json \
		-d "{\"email\":\"staf3@$SLUG.seed.test\",\"password\":\"$PASSWORD\"}" "$BASE/api/v1/auth/login"
	# Last: at more clients than the pool has connections, the dashboard can
	# hold every connection while each request waits for one more.
	hit "dashboard page /t/{slug}" peduli "$CLIENTS" -z "$DUR" -H "$COOKIE" "$BASE/t/$SLUG"
	profile dashboard "/t/$SLUG" -H "$COOKIE"
fi

rss_end=$(rss $PID)
peak=$(hwm $PID)
{
	echo
	echo "groups in the database: $groups; group measured: $SLUG"
	echo "cold start (serve → /readyz 200): ${cold} ms"
	echo "Peduli RSS: after start $rss_start, after load $rss_end, peak $peak; bare handler RSS after load $(rss $BPID)"
	echo "load average at the end: $(load)"
} | tee -a "$results"
echo "results in $results"
