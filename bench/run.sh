#!/usr/bin/env bash
# Benchmarks the Workdesk server on generated data sets and prints a summary table.
#
# For each data set size it generates a database with bench/Workdesk.Bench. Then, on a
# fresh copy of that data for each of WORKDESK_BENCH_RUNS runs, it starts the published
# server on 127.0.0.1, runs the load workloads and stops the server
# by its PID. The fresh copy keeps the work orders created by one run out of the next.
# The summary gives the median of each figure over the runs.
#
# Usage: bench/run.sh
#
# Environment (all optional):
#   WORKDESK_BENCH_SIZES     work order counts to generate (default: "10000 1000000")
#   WORKDESK_BENCH_ORDERS_PER_LOCATION  work orders per location in each data set, so that
#                            the locations grow with the work orders (default: 100, which gives
#                            10,000 locations at 1M; never fewer than 100 locations).
#                            A building then has about the same number of open work orders at
#                            every size, and the list workload's page is full (50 rows) at 10k too.
#   WORKDESK_BENCH_RUNS      load runs per data set (default: 3)
#   WORKDESK_BENCH_DURATION  measured time per workload, such as 20s (default: 20s)
#   WORKDESK_BENCH_WARMUP    unmeasured time per workload before it (default: 3s)
#   WORKDESK_BENCH_CLIENTS   concurrent clients (default: 16)
#   WORKDESK_BENCH_POSTGRES  connection string of a PostgreSQL server to benchmark too,
#                            such as "Host=127.0.0.1;Port=5432;Username=workdesk;Password=...".
#                            The role needs CREATEDB: each run uses a new database named
#                            workdesk_bench_<size>, generated again before each run.
#   WORKDESK_BENCH_SQLITE    0 to skip SQLite, such as for a PostgreSQL-only run (default: 1)
#   WORKDESK_BENCH_DIR       working folder for data, logs and results (default: a new
#                            folder under /tmp, deleted at exit unless WORKDESK_BENCH_KEEP=1)
#   WORKDESK_BENCH_SQL_LOG   1 to log every SQL command in the server logs (slows the server)
#   WORKDESK_BENCH_SQLITE_SQL  SQL that sqlite3 runs on each generated SQLite file before it
#                            is served, to try an index or setting without changing the
#                            migrations, such as 'CREATE INDEX ...'. Needs the sqlite3 program.
#   WORKDESK_BENCH_TAG       text appended to each data set label, such as "-indexed", to
#                            tell the results of such a trial apart
#   WORKDESK_BENCH_WORKLOADS comma-separated workloads (default: the load tool's default list)
#   WORKDESK_BENCH_LATENCY_WORKLOADS  workloads measured a second time with
#                            WORKDESK_BENCH_LATENCY_CLIENTS clients, before the main pass of each
#                            run: the latency of one user's request on an otherwise idle server,
#                            the way the peer's read figures are measured (default:
#                            "list,get,comments,search"; empty to skip)
#   WORKDESK_BENCH_LATENCY_CLIENTS  clients of that pass (default: 1)
#   WORKDESK_BENCH_SERVER_DIR  folder of a published server to run (default: publish one into
#                            the working folder, as an installation would: Release, ReadyToRun)
#   WORKDESK_BENCH_PG_REGENERATE  0 to generate each PostgreSQL data set once, into
#                            workdesk_bench_<size>_pristine, and give each run a copy of it made
#                            with CREATE DATABASE ... TEMPLATE, as each SQLite run gets a copy of
#                            the generated file; needs psql (default: 1, generate before each run)
#
# For each run it also records the server's start time (from starting the process to the first
# answered GET /health, polled every 20 ms) and its peak resident memory (VmHWM in
# /proc/PID/status, read just before the server is stopped) in RESULTS/LABEL-runN.server.txt.
#
# With the defaults it takes about 10 minutes on 2 cores for SQLite (an estimate: 7 of them
# are load), and about twice that with PostgreSQL.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=bench/postgres.sh
source "$repo_root/bench/postgres.sh"
sizes=${WORKDESK_BENCH_SIZES:-10000 1000000}
runs=${WORKDESK_BENCH_RUNS:-3}
duration=${WORKDESK_BENCH_DURATION:-20s}
warmup=${WORKDESK_BENCH_WARMUP:-3s}
clients=${WORKDESK_BENCH_CLIENTS:-16}
postgres=${WORKDESK_BENCH_POSTGRES:-}
keep=${WORKDESK_BENCH_KEEP:-0}
sqlite_sql=${WORKDESK_BENCH_SQLITE_SQL:-}
run_sqlite=${WORKDESK_BENCH_SQLITE:-1}
tag=${WORKDESK_BENCH_TAG:-}
workloads=${WORKDESK_BENCH_WORKLOADS:-}
pg_regenerate=${WORKDESK_BENCH_PG_REGENERATE:-1}
latency_workloads=${WORKDESK_BENCH_LATENCY_WORKLOADS-list,get,comments,search}
latency_clients=${WORKDESK_BENCH_LATENCY_CLIENTS:-1}
orders_per_location=${WORKDESK_BENCH_ORDERS_PER_LOCATION:-100}

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1

server_dir=${WORKDESK_BENCH_SERVER_DIR:-}
bench_dll=$repo_root/bench/Workdesk.Bench/bin/Release/net10.0/workdesk-bench.dll
server_pid=""
measured_labels=()

log() {
    printf 'run.sh: %s\n' "$*" >&2
}

if [[ -n ${WORKDESK_BENCH_DIR:-} ]]; then
    work=$WORKDESK_BENCH_DIR
    mkdir -p "$work"
    keep=1
else
    work=$(mktemp -d /tmp/workdesk-bench.XXXXXX)
fi
results=$work/results
mkdir -p "$results"

# Saves the peak resident memory of the running server next to its start time.
record_server_memory() {
    local file=$1
    if [[ -n $server_pid && -r /proc/$server_pid/status ]]; then
        awk '/^VmHWM:/ {print "peak_rss_kb " $2}' "/proc/$server_pid/status" >>"$file"
    fi
}

# Replaces database $2 with a copy of database $1 on the PostgreSQL server.
copy_database() {
    postgres_sql "$postgres" "DROP DATABASE IF EXISTS \"$2\" WITH (FORCE)" >/dev/null
    # FILE_COPY copies the files. The default strategy writes every page into the WAL, and the
    # server's start would wait while the checkpointer writes it out.
    postgres_sql "$postgres" "CREATE DATABASE \"$2\" TEMPLATE \"$1\" STRATEGY FILE_COPY" >/dev/null
    # CHECKPOINT needs a superuser or the pg_checkpoint role. The copy is valid without it.
    postgres_sql "$postgres" "CHECKPOINT" >/dev/null 2>&1 || true
}

stop_server() {
    if [[ -n $server_pid ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}

on_exit() {
    local status=$?
    set +e
    stop_server
    if [[ $keep == 1 ]]; then
        log "data, server logs and results are in $work"
    else
        rm -rf "$work"
    fi
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Returns 0 if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
    local port=5180
    while port_in_use "$port"; do
        port=$((port + 1))
        if ((port > 5400)); then
            log "error: no free TCP port on 127.0.0.1 between 5180 and 5400 for the server."
            exit 1
        fi
    done
    printf '%s\n' "$port"
}

# Prints a label such as 10k or 1m for a work order count.
size_label() {
    if (($1 % 1000000 == 0)); then
        printf '%sm\n' $(($1 / 1000000))
    elif (($1 % 1000 == 0)); then
        printf '%sk\n' $(($1 / 1000))
    else
        printf '%s\n' "$1"
    fi
}

# Prints the number of locations for a data set of $1 work orders.
locations_for() {
    local count=$(($1 / orders_per_location))
    printf '%s\n' $((count < 100 ? 100 : count))
}

# Starts the server on a free port with the given data folder and extra arguments, and
# waits until /health responds. It runs from the published folder, whose appsettings.json sets
# the log levels of a normal installation.
start_server() {
    local data_dir=$1 server_log=$2
    shift 2
    port=$(free_port)
    local sql_log=()
    if [[ ${WORKDESK_BENCH_SQL_LOG:-0} == 1 ]]; then
        sql_log=("Serilog__MinimumLevel__Override__Microsoft.EntityFrameworkCore.Database.Command=Information")
    fi
    local started_ns
    started_ns=$(date +%s%N)
    (cd "$server_dir" && exec env "${sql_log[@]}" dotnet workdesk.dll serve --data-dir "$data_dir" \
        --urls "http://127.0.0.1:$port" "$@") >"$server_log" 2>&1 &
    server_pid=$!

    local waited=0
    until curl -fsS "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
        if ! kill -0 "$server_pid" 2>/dev/null; then
            tail -n 20 "$server_log" >&2
            log "error: the server exited during start-up (log above, full log in $server_log)."
            server_pid=""
            exit 1
        fi
        if ((waited >= 3000)); then
            log "error: the server did not respond on /health within 60 s (log: $server_log)."
            exit 1
        fi
        sleep 0.02
        waited=$((waited + 1))
    done
    start_ms=$((($(date +%s%N) - started_ns) / 1000000))
}

# Removes the results that an earlier run into the same folder saved for data set $1, so that
# its medians and the summary hold only this run's figures, and remembers the data set.
start_data_set() {
    rm -f "$results/$1-run"*
    measured_labels+=("$1")
}

# Runs the workloads against the server started last and saves the results: first the
# latency pass with few clients, then the main pass.
run_load() {
    local token_file=$1 label=$2 run=$3
    local workload_option=()
    if [[ -n $workloads ]]; then
        workload_option=(--workloads "$workloads")
    fi
    printf 'start_ms %s\n' "$start_ms" >"$results/$label-run$run.server.txt"
    if [[ -n $latency_workloads ]]; then
        load_pass "$token_file" "$label" "$latency_clients" "$results/$label-run$run-latency.json" \
            --workloads "$latency_workloads"
    fi
    load_pass "$token_file" "$label" "$clients" "$results/$label-run$run.json" "${workload_option[@]}"
    record_server_memory "$results/$label-run$run.server.txt"
}

load_pass() {
    local token_file=$1 label=$2 pass_clients=$3 json_out=$4
    shift 4
    dotnet "$bench_dll" load --url "http://127.0.0.1:$port" --token-file "$token_file" \
        --clients "$pass_clients" --duration "$duration" --warmup "$warmup" "$@" \
        --label "$label" --server-pid "$server_pid" --json-out "$json_out"
}

# Publishes the server for this machine's platform, compiled ahead of time as an installation
# would be (see "Installing on a server" in README.md), without the web app.
publish_server() {
    dotnet publish "$repo_root/src/Workdesk.Server/Workdesk.Server.csproj" -c Release --use-current-runtime \
        --self-contained false -p:SkipWebApp=true -o "$1" -v quiet -nologo
}

machine_summary() {
    printf 'Machine: %s cores, %s memory, %s, %s\n' "$(nproc)" \
        "$(free -h | awk '/^Mem:/ {print $2}')" \
        "$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)" \
        "$(. /etc/os-release && printf '%s' "$PRETTY_NAME")"
    printf 'Commit: %s\n' "$commit"
    printf 'Settings: sizes %s, %s runs, %s clients, %s per workload after %s warm-up\n' \
        "$sizes" "$runs" "$clients" "$duration" "$warmup"
    if [[ -n $latency_workloads ]]; then
        printf 'Latency pass before each run of sizes %s: %s with %s client(s)\n' "$sizes" "$latency_workloads" "$latency_clients"
    fi
    if [[ -n $sqlite_sql ]]; then
        printf 'SQL run on each generated SQLite file: %s\n' "$sqlite_sql"
    fi
}

required_tools=(dotnet curl git)
if [[ -n $sqlite_sql ]]; then
    required_tools+=(sqlite3)
fi
if [[ -n $postgres && $pg_regenerate != 1 ]]; then
    required_tools+=(psql)
fi
for tool in "${required_tools[@]}"; do
    if ! command -v "$tool" >/dev/null; then
        log "error: $tool not found on PATH."
        exit 1
    fi
done

if [[ $run_sqlite != 1 && -z $postgres ]]; then
    log "error: WORKDESK_BENCH_SQLITE=0 and WORKDESK_BENCH_POSTGRES is empty, so there is nothing to measure."
    exit 1
fi

# Read once, because the summary must name the code that was measured even if HEAD moves.
commit=$(git -C "$repo_root" rev-parse --short HEAD)
if ! git -C "$repo_root" diff --quiet HEAD -- src bench Directory.Build.props Directory.Packages.props; then
    commit="$commit (with uncommitted changes in src or bench)"
fi

machine_summary >&2
if [[ -z $server_dir ]]; then
    server_dir=$work/server
    log "publishing the server (Release, ReadyToRun) into $server_dir"
    publish_server "$server_dir" >"$work/build.log" 2>&1 ||
        { cat "$work/build.log" >&2; log "error: the server publish failed (output above)."; exit 1; }
fi
log "building the benchmark tool (Release)"
dotnet build -c Release "$repo_root/bench/Workdesk.Bench/Workdesk.Bench.csproj" -p:SkipWebApp=true -v quiet -nologo >>"$work/build.log" 2>&1 ||
    { cat "$work/build.log" >&2; log "error: the benchmark build failed (output above)."; exit 1; }

for size in $sizes; do
    if [[ $run_sqlite != 1 ]]; then
        break
    fi

    label=sqlite-$(size_label "$size")$tag
    start_data_set "$label"
    pristine=$work/$label/pristine
    log "$label: generating $size work orders"
    dotnet "$bench_dll" generate --database sqlite --sqlite-file "$pristine/workdesk.db" \
        --work-orders "$size" --locations "$(locations_for "$size")" --token-file "$pristine/token" --replace >"$work/$label-generate.log"
    tail -n 5 "$work/$label-generate.log" | grep -v '^API token' >&2
    if [[ -n $sqlite_sql ]]; then
        log "$label: running WORKDESK_BENCH_SQLITE_SQL on the generated file"
        sqlite3 "$pristine/workdesk.db" "$sqlite_sql"
    fi

    for ((run = 1; run <= runs; run++)); do
        data=$work/$label/run
        rm -rf "$data"
        mkdir -p "$data"
        cp "$pristine/workdesk.db" "$data/workdesk.db"
        log "$label: run $run of $runs"
        start_server "$data" "$work/$label-server-run$run.log"
        run_load "$pristine/token" "$label" "$run"
        stop_server
    done
    rm -rf "$work/$label/run"
done

if [[ -n $postgres ]]; then
    for size in $sizes; do
        label=postgres-$(size_label "$size")$tag
        start_data_set "$label"
        database=workdesk_bench_$(size_label "$size")
        connection="$postgres;Database=$database"
        data=$work/$label
        mkdir -p "$data"
        for ((run = 1; run <= runs; run++)); do
            if [[ $pg_regenerate == 1 ]]; then
                log "$label: generating $size work orders into database $database (run $run of $runs)"
                dotnet "$bench_dll" generate --database postgres --connection-string "$connection" \
                    --work-orders "$size" --locations "$(locations_for "$size")" --token-file "$data/token" --replace >"$work/$label-generate-run$run.log"
            else
                if [[ $run == 1 ]]; then
                    log "$label: generating $size work orders into database ${database}_pristine"
                    dotnet "$bench_dll" generate --database postgres --connection-string "$postgres;Database=${database}_pristine" \
                        --work-orders "$size" --locations "$(locations_for "$size")" --token-file "$data/token" --replace >"$work/$label-generate.log"
                fi
                log "$label: copying ${database}_pristine to $database (run $run of $runs)"
                copy_database "${database}_pristine" "$database"
            fi
            start_server "$data" "$work/$label-server-run$run.log" --database postgres --connection-string "$connection"
            run_load "$data/token" "$label" "$run"
            stop_server
        done
    done
fi

echo
machine_summary
echo
summary_files=()
for label in "${measured_labels[@]}"; do
    summary_files+=("$results/$label-run"*.json)
done
dotnet "$bench_dll" summarize "${summary_files[@]}"
