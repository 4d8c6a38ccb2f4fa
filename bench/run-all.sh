#!/usr/bin/env bash
# Re-runs every figure of docs/benchmarks.md in one go and prints a summary:
#   1. the raw SQLite commit rate with the server's durability settings, 1 and 16 writers;
#   2. bench/run.sh: the list workload on 10,000 work orders, and the list, get, comments,
#      search and create workloads on 1,000,000. It measures SQLite, and PostgreSQL when
#      WORKDESK_BENCH_POSTGRES is set. Each read workload runs with 1 and with 16 clients, and
#      each run records the server's start time and peak memory;
#   3. the raw SQLite commit rate again, so that the create ratio uses figures from both ends;
#   4. the drills (kill -9 during creates, repeated Idempotency-Keys, racing If-Match updates)
#      on a 10,000 work order data set of each provider;
#   5. `workdesk import` of a generated Boston 311 shaped CSV file: time and peak memory;
#   6. the peer, Request Tracker 5, with its own scripts (setup.sh, bench.sh, stop.sh), when
#      WORKDESK_BENCH_PEER names their folder and this runs as root (setup.sh installs packages).
#
# Usage: bench/run-all.sh
#
# Environment (all optional):
#   WORKDESK_BENCH_DIR       working folder, kept afterwards (default: a new folder under /tmp)
#   WORKDESK_BENCH_POSTGRES  PostgreSQL connection string on 127.0.0.1. Its role must be allowed
#                            to create databases. They are named workdesk_bench_<size> and
#                            workdesk_bench_drill, and dropped at the end.
#   WORKDESK_BENCH_PEER      folder of the peer's scripts (default: ../shared/peers/rt5 beside the repository)
#   WORKDESK_BENCH_IMPORT_ROWS  rows of the import file (default: 1000000, the size of the goal;
#                            the SQLite import takes a little over a minute).
#   WORKDESK_BENCH_SMALL, WORKDESK_BENCH_LARGE  work orders of the two data sets (defaults: 10000
#                            and 1000000). The small one runs only the list workload.
#   WORKDESK_BENCH_RUNS, WORKDESK_BENCH_DURATION, WORKDESK_BENCH_WARMUP: passed to bench/run.sh
#                            (defaults here: 3 runs, 6s, 5s)
#
# Needs dotnet, curl, git, python3 and GNU time (/usr/bin/time). On the quiet 2-core machine of
# docs/benchmarks.md it took 25 to 30 minutes with PostgreSQL and the peer.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/postgres.sh
source "$repo_root/bench/postgres.sh"
work=${WORKDESK_BENCH_DIR:-$(mktemp -d /tmp/workdesk-bench-all.XXXXXX)}
postgres=${WORKDESK_BENCH_POSTGRES:-}
peer=${WORKDESK_BENCH_PEER:-$repo_root/../shared/peers/rt5}
import_rows=${WORKDESK_BENCH_IMPORT_ROWS:-1000000}
runs=${WORKDESK_BENCH_RUNS:-3}
duration=${WORKDESK_BENCH_DURATION:-6s}
warmup=${WORKDESK_BENCH_WARMUP:-5s}
small_size=${WORKDESK_BENCH_SMALL:-10000}
large_size=${WORKDESK_BENCH_LARGE:-1000000}
# A reused folder still holds the files of its last run, so remove those the summary reads.
rm -rf "$work/results" "$work/load/results"
rm -f "$work/peer.txt" "$work/import-time.txt" "$work"/drill-*.txt
mkdir -p "$work/results"
summary=$work/summary.txt

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
server_dir=$work/server
bench_dll=$repo_root/bench/Workdesk.Bench/bin/Release/net10.0/workdesk-bench.dll
peer_started=0

# Prefixes each message with the minutes and seconds since the start.
log() {
    printf 'run-all.sh %d:%02d: %s\n' $((SECONDS / 60)) $((SECONDS % 60)) "$*" >&2
}

# Prints a label such as 10k or 1m for a work order count, as bench/run.sh names its databases.
size_label() {
    if (($1 % 1000000 == 0)); then
        printf '%sm\n' $(($1 / 1000000))
    elif (($1 % 1000 == 0)); then
        printf '%sk\n' $(($1 / 1000))
    else
        printf '%s\n' "$1"
    fi
}

load_average() {
    cut -d' ' -f1 /proc/loadavg
}

# Prints how busy the CPUs were over the next 5 seconds, in percent of all cores.
cpu_busy_percent() {
    local before after total=0 idle i
    read -ra before </proc/stat
    sleep 5
    read -ra after </proc/stat
    for i in 1 2 3 4 5 6 7 8; do
        total=$((total + after[i] - before[i]))
    done
    idle=$((after[4] - before[4] + after[5] - before[5]))
    echo $(((total - idle) * 100 / (total > 0 ? total : 1)))
}

# Waits up to $1 seconds until the CPUs are less than 10 % busy over 5 seconds, so that a timed
# step does not share the cores with work that the previous step left running. Prints the last
# figure.
wait_for_quiet() {
    local waited=0 busy
    busy=$(cpu_busy_percent)
    while ((busy >= 10 && waited < $1)); do
        busy=$(cpu_busy_percent)
        waited=$((waited + 5))
    done
    echo "$busy"
}

on_exit() {
    local status=$?
    set +e
    if [[ $peer_started == 1 ]]; then
        "$peer/stop.sh" >>"$work/peer-stop.log" 2>&1
    fi
    if [[ -n $postgres ]]; then
        local size
        for size in $small_size $large_size; do
            psql_drop "workdesk_bench_$(size_label "$size")"
            psql_drop "workdesk_bench_$(size_label "$size")_pristine"
        done
        psql_drop workdesk_bench_drill
    fi
    log "logs and results are in $work"
    exit "$status"
}

# Drops a benchmark database with psql.
psql_drop() {
    if ! command -v psql >/dev/null; then
        log "psql not found: drop database $1 by hand"
        return
    fi
    postgres_sql "$postgres" "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null 2>&1 || log "could not drop database $1"
}

trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

for tool in dotnet curl git python3 /usr/bin/time; do
    if ! command -v "$tool" >/dev/null; then
        log "error: $tool not found."
        exit 1
    fi
done

commit=$(git -C "$repo_root" rev-parse --short HEAD)
if ! git -C "$repo_root" diff --quiet HEAD -- src bench; then
    commit="$commit (with uncommitted changes in src or bench)"
fi

log "publishing the server (Release, ReadyToRun) and building the benchmark tool"
dotnet publish "$repo_root/src/Workdesk.Server/Workdesk.Server.csproj" -c Release --use-current-runtime \
    --self-contained false -p:SkipWebApp=true -o "$server_dir" -v quiet -nologo >"$work/build.log" 2>&1 ||
    { tail -n 30 "$work/build.log" >&2; log "error: the server publish failed."; exit 1; }
dotnet build -c Release "$repo_root/bench/Workdesk.Bench/Workdesk.Bench.csproj" -p:SkipWebApp=true -v quiet -nologo >>"$work/build.log" 2>&1 ||
    { tail -n 30 "$work/build.log" >&2; log "error: the benchmark build failed."; exit 1; }

log "1. raw SQLite commit rate (load average $(load_average))"
dotnet "$bench_dll" raw-sqlite --dir "$work/raw" --duration 10s --json-out "$work/results/raw-before.json" | tee "$work/raw-before.txt" >&2

log "2. load workloads (bench/run.sh)"
# The small data set serves only the list goal (p95 at 1M against p95 at 10k). It therefore runs
# the list workload alone, and the large one runs every workload.
run_load_sets() {
    local sizes=$1 workloads=$2 latency_workloads=$3
    WORKDESK_BENCH_DIR=$work/load WORKDESK_BENCH_SERVER_DIR=$server_dir WORKDESK_BENCH_RUNS=$runs WORKDESK_BENCH_DURATION=$duration \
    WORKDESK_BENCH_WARMUP=$warmup WORKDESK_BENCH_SIZES=$sizes WORKDESK_BENCH_PG_REGENERATE=0 \
    WORKDESK_BENCH_WORKLOADS=$workloads WORKDESK_BENCH_LATENCY_WORKLOADS=$latency_workloads \
    WORKDESK_BENCH_POSTGRES=$postgres "$repo_root/bench/run.sh" >>"$work/load.txt" 2>>"$work/load.log" ||
        { tail -n 30 "$work/load.log" >&2; log "error: bench/run.sh failed."; exit 1; }
}
: >"$work/load.txt"
run_load_sets "$small_size" list list
run_load_sets "$large_size" list,get,comments,search,create list,get,comments,search

log "3. raw SQLite commit rate again (load average $(load_average))"
dotnet "$bench_dll" raw-sqlite --dir "$work/raw" --duration 10s --json-out "$work/results/raw-after.json" | tee "$work/raw-after.txt" >&2

log "4. drills"
drill_status=0
mkdir -p "$work/drill-sqlite"
dotnet "$bench_dll" generate --sqlite-file "$work/drill-sqlite/workdesk.db" --work-orders 10000 \
    --token-file "$work/drill-sqlite/token" --replace >"$work/drill-sqlite-generate.log"
dotnet "$bench_dll" drill --data-dir "$work/drill-sqlite" --token-file "$work/drill-sqlite/token" \
    --server-dll "$server_dir/workdesk.dll" >"$work/drill-sqlite.txt" 2>&1 || drill_status=1
if [[ -n $postgres ]]; then
    mkdir -p "$work/drill-postgres"
    dotnet "$bench_dll" generate --database postgres --connection-string "$postgres;Database=workdesk_bench_drill" \
        --work-orders 10000 --token-file "$work/drill-postgres/token" --replace >"$work/drill-postgres-generate.log"
    dotnet "$bench_dll" drill --data-dir "$work/drill-postgres" --token-file "$work/drill-postgres/token" \
        --database postgres --connection-string "$postgres;Database=workdesk_bench_drill" \
        --server-dll "$server_dir/workdesk.dll" >"$work/drill-postgres.txt" 2>&1 || drill_status=1
fi

log "5. import of $import_rows Boston 311 rows"
dotnet "$bench_dll" csv311 --output "$work/import.csv" --rows "$import_rows" >/dev/null
rm -rf "$work/import-data"
mkdir -p "$work/import-data"
busy=$(wait_for_quiet 120)
log "   import started with the CPUs $busy % busy over the last 5 s (load average $(load_average))"
(cd "$server_dir" && /usr/bin/time -f 'elapsed_s %e\npeak_rss_kb %M' -o "$work/import-time.txt" \
    dotnet workdesk.dll import work-orders "$work/import.csv" --format boston311 --data-dir "$work/import-data") \
    >"$work/import.txt" 2>&1 || log "warning: the import exited with an error (see $work/import.txt)"

if [[ -x $peer/setup.sh && $(id -u) == 0 ]]; then
    log "6. peer: Request Tracker 5 (load average $(load_average))"
    peer_started=1
    # setup.sh installs Debian packages, and a fresh machine may not have read the package lists yet.
    if ! apt-cache policy request-tracker5 2>/dev/null | grep -q 'Candidate: [0-9]'; then
        apt-get update -qq >"$work/apt-update.log" 2>&1 || log "warning: apt-get update failed (see $work/apt-update.log)"
    fi
    "$peer/setup.sh" >"$work/peer-setup.log" 2>&1 || { tail -n 20 "$work/peer-setup.log" >&2; log "error: the peer's setup.sh failed."; exit 1; }
    CONC=16 N_SEQ=100 N_CONC=320 BASIC=0 N_SEQ_LOADED=20 N_CONC_LOADED=64 \
        "$peer/bench.sh" >"$work/peer.txt" 2>"$work/peer.log" || log "warning: the peer's bench.sh failed (see $work/peer.log)"
    "$peer/stop.sh" >"$work/peer-stop.log" 2>&1
    peer_started=0
else
    log "6. peer skipped: $peer/setup.sh is missing or this is not root"
fi

{
    printf 'Machine: %s cores, %s memory, %s\n' "$(nproc)" "$(free -h | awk '/^Mem:/ {print $2}')" \
        "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
    printf 'Commit: %s\n' "$commit"
    printf 'Took %d min %d s\n\n' $((SECONDS / 60)) $((SECONDS % 60))
    grep '^Latency pass' "$work/load.txt" || true
    dotnet "$bench_dll" summarize "$work"/load/results/*.json
    echo
    python3 "$repo_root/bench/report.py" "$work" "$(size_label "$small_size")" "$(size_label "$large_size")"
    echo
    for provider in sqlite postgres; do
        if [[ -f $work/drill-$provider.txt ]]; then
            echo "Drills on $provider:"
            grep -hE '^[a-zA-Z-]+ drill: |\[(ok|FAIL)\]|^error' "$work/drill-$provider.txt" | sed 's/^/  /'
        fi
    done
} | tee "$summary"
exit "$drill_status"
