#!/usr/bin/env bash
# Run every Workdesk test suite and print one summary line as the last line:
#   tests: N passed, N failed, N skipped
# Exits non-zero if a test failed or if dotnet test failed (a build error or
# a crashed test host). Extra arguments go to dotnet test, for example
# ./test.sh --filter "FullyQualifiedName~WorkOrders".
#
# Environment:
#   WORKDESK_TEST_POSTGRES  connection string of the PostgreSQL server for the
#                           PostgreSQL tests. When unset, this script starts a
#                           throwaway server on 127.0.0.1 and removes it on
#                           exit. Set it to an empty string to skip those tests.
#   WORKDESK_TEST_TARGET    solution or project to test (default: Workdesk.slnx).
#
# The .trx result files are written to TestResults/ in the repository.
set -euo pipefail

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

target=${WORKDESK_TEST_TARGET:-$repo_root/Workdesk.slnx}
if [[ $target != /* ]]; then
    target=$PWD/$target
fi

results_dir=$repo_root/TestResults

# State of the throwaway PostgreSQL server, empty until one is started.
pg_bin=""
pg_tmp=""
pg_data=""

log() {
    printf 'test.sh: %s\n' "$*" >&2
}

# Prints the bin directory of the newest PostgreSQL server install, or
# returns 1 if there is none. Debian installs each major version under
# /usr/lib/postgresql/<version>/bin, and other systems put initdb on PATH.
find_postgres_bin() {
    local initdb_path
    initdb_path=$(
        shopt -s nullglob
        printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1
    )
    if [[ -z $initdb_path ]] && initdb_path=$(command -v initdb); then
        # A PATH entry may be a symlink into the real bin directory, which
        # also contains postgres and psql.
        initdb_path=$(readlink -f "$initdb_path" || true)
    fi
    if [[ -z $initdb_path || ! -x $(dirname "$initdb_path")/pg_ctl ]]; then
        return 1
    fi
    dirname "$initdb_path"
}

# Runs a PostgreSQL server program as the user that owns the data directory.
# PostgreSQL refuses to run as root, so root hands it to the postgres user.
run_as_postgres_owner() {
    if [[ $EUID -eq 0 ]]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# Returns 0 if something accepts TCP connections on 127.0.0.1:$1.
port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Stops the server this script started and deletes its directory. It is
# safe to call twice, because the summary calls it before the last line is
# printed and the EXIT trap calls it again.
stop_postgres() {
    if [[ -n $pg_data && -f $pg_data/postmaster.pid ]]; then
        local pid
        pid=$(head -n 1 "$pg_data/postmaster.pid")
        if ! run_as_postgres_owner "$pg_bin/pg_ctl" stop -D "$pg_data" -m fast -w -t 60 >/dev/null; then
            log "pg_ctl stop failed, so sending SIGTERM to postmaster PID $pid"
            kill -TERM "$pid" 2>/dev/null || true
        fi
    fi
    if [[ -n $pg_tmp ]]; then
        rm -rf "$pg_tmp"
    fi
    pg_data=""
    pg_tmp=""
}

on_exit() {
    local status=$?
    set +e
    stop_postgres
    exit "$status"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
trap 'exit 129' HUP

# Starts a throwaway PostgreSQL server on 127.0.0.1 and exports
# WORKDESK_TEST_POSTGRES for it. The server keeps PostgreSQL's default
# settings, fsync included, so tests run against a normally configured server.
start_postgres() {
    if ! pg_bin=$(find_postgres_bin); then
        log "warning: PostgreSQL server programs (initdb, pg_ctl) not found, so the PostgreSQL tests will be skipped."
        log "warning: install them (Debian: apt-get install postgresql) or set WORKDESK_TEST_POSTGRES to a server's connection string."
        export WORKDESK_TEST_POSTGRES=""
        return 0
    fi

    local tmp_base=${TMPDIR:-/tmp}
    if [[ $EUID -eq 0 ]]; then
        if ! id -u postgres >/dev/null 2>&1; then
            log "error: running as root, but the 'postgres' system user does not exist, and PostgreSQL refuses to run as root."
            log "error: create that user, run as another user, or set WORKDESK_TEST_POSTGRES to a server's connection string."
            exit 1
        fi
        # The postgres user must be able to reach the directory, and root's
        # own TMPDIR may sit under /root.
        tmp_base=/tmp
    fi

    pg_tmp=$(mktemp -d "$tmp_base/workdesk-pg.XXXXXX")
    if [[ $EUID -eq 0 ]]; then
        chown postgres:postgres "$pg_tmp"
    fi
    pg_data=$pg_tmp/data
    local server_log=$pg_tmp/server.log

    # C.UTF-8 sorts by code point whatever the machine's locale is, and still
    # gives UTF-8 text and Unicode-aware upper(), lower() and ILIKE.
    if ! run_as_postgres_owner "$pg_bin/initdb" -D "$pg_data" -U postgres \
        --auth=trust --encoding=UTF8 --locale=C.UTF-8 --no-instructions >"$pg_tmp/initdb.log" 2>&1; then
        cat "$pg_tmp/initdb.log" >&2
        log "error: initdb failed for $pg_data (output above)."
        exit 1
    fi

    # The server accepts TCP connections from 127.0.0.1 only, and its Unix
    # socket sits in the private temp directory, out of other users' reach.
    printf "listen_addresses = '127.0.0.1'\nunix_socket_directories = '%s'\n" \
        "${pg_tmp//\'/\'\'}" >>"$pg_data/postgresql.conf"
    printf '# Written by test.sh for a throwaway test server.\nhost all all 127.0.0.1/32 trust\n' \
        >"$pg_data/pg_hba.conf"

    # Another program can take the chosen port between the check and the
    # start, so a bind failure moves on to the next port.
    local port=55432
    local last_port=$((port + 200))
    while true; do
        while port_in_use "$port"; do
            port=$((port + 1))
        done
        if ((port > last_port)); then
            log "error: no free TCP port on 127.0.0.1 between 55432 and $last_port for PostgreSQL."
            exit 1
        fi
        if run_as_postgres_owner "$pg_bin/pg_ctl" start -D "$pg_data" -l "$server_log" \
            -o "-p $port" -w -t 60 >/dev/null; then
            break
        fi
        if grep -q 'could not bind\|could not create any TCP/IP sockets' "$server_log" 2>/dev/null; then
            log "port $port was taken while PostgreSQL started, so trying the next port"
            port=$((port + 1))
            continue
        fi
        tail -n 20 "$server_log" >&2 || true
        log "error: PostgreSQL failed to start from $pg_data (server log above)."
        exit 1
    done

    # Tests create one database per test class, so the role needs CREATEDB.
    if ! "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres \
        -c "CREATE ROLE workdesk LOGIN CREATEDB PASSWORD 'workdesk'"; then
        log "error: failed to create the role workdesk on the PostgreSQL server at 127.0.0.1:$port."
        exit 1
    fi

    # The benchmark drills check every index with amcheck, which only a superuser may install.
    # Databases are copied from template1, so each test database gets it ready for the role.
    if ! "$pg_bin/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d template1 \
        -c "CREATE EXTENSION IF NOT EXISTS amcheck" \
        -c "GRANT EXECUTE ON FUNCTION bt_index_check(regclass, boolean) TO workdesk"; then
        log "warning: could not install amcheck in template1, so the PostgreSQL drill tests will fail their index check."
    fi

    export WORKDESK_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=workdesk;Password=workdesk;Database=postgres"
    log "started $("$pg_bin/postgres" --version) on 127.0.0.1:$port, data in $pg_data"
}

passed_total=0
failed_total=0
skipped_total=0

# Adds one suite's counts to the totals. The web test suite (node's test
# runner or Vitest) will call this with its own counts once it exists.
add_counts() {
    passed_total=$((passed_total + $1))
    failed_total=$((failed_total + $2))
    skipped_total=$((skipped_total + $3))
}

# Prints the value of attribute $1 in the XML element $2, or 0 if absent.
xml_attribute() {
    local value
    value=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")
    printf '%s\n' "${value:-0}"
}

# Adds the counts of every .trx file in $1, one file per test project and
# target framework, and prints a line per file.
add_trx_counts() {
    local trx counters assembly
    local total passed failed skipped
    shopt -s nullglob
    local trx_files=("$1"/results_*.trx)
    shopt -u nullglob

    if ((${#trx_files[@]} == 0)); then
        log "no .trx results in $1: the target has no test projects, or none ran."
        return 0
    fi

    for trx in "${trx_files[@]}"; do
        counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1 || true)
        if [[ -z $counters ]]; then
            log "warning: no <Counters> element in $trx, so its results are not counted."
            continue
        fi

        total=$(xml_attribute total "$counters")
        passed=$(xml_attribute passed "$counters")
        # The error, timeout and aborted counters also mean a test did not
        # pass, so they count as failures.
        failed=$(($(xml_attribute failed "$counters") + $(xml_attribute error "$counters") +
            $(xml_attribute timeout "$counters") + $(xml_attribute aborted "$counters")))
        # A skipped xunit test counts in total only, not in passed, failed or
        # notExecuted (seen with xunit.runner.visualstudio 3.1.5), so skipped
        # is the remainder.
        skipped=$((total - passed - failed))
        if ((skipped < 0)); then
            skipped=0
        fi

        assembly=$(grep -o 'codeBase="[^"]*"' "$trx" | head -n 1 | sed 's/^codeBase="//; s/"$//' || true)
        log "$(basename "${assembly:-$trx}"): $passed passed, $failed failed, $skipped skipped"
        add_counts "$passed" "$failed" "$skipped"
    done
}

# Prints the name and the first lines of the message of each failed test in
# the .trx files of $1, so the end of a long CI log names what failed.
print_failed_trx_tests() {
    shopt -s nullglob
    local trx_files=("$1"/results_*.trx)
    shopt -u nullglob
    ((${#trx_files[@]} > 0)) || return 0
    awk '
        /<UnitTestResult / && /outcome="(Failed|Error|Timeout|Aborted)"/ {
            name = $0
            sub(/.*testName="/, "", name)
            sub(/".*/, "", name)
            print "test.sh: failed: " name
            in_failed = 1
            message_lines = 0
        }
        in_failed && /<Message>/ { in_message = 1; sub(/.*<Message>/, "") }
        in_message {
            line = $0
            ended = sub(/<\/Message>.*/, "", line)
            if (message_lines < 5 && line != "") {
                print "test.sh:     " substr(line, 1, 300)
                message_lines++
            }
            if (ended) { in_message = 0; in_failed = 0 }
        }
        /<\/UnitTestResult>/ { in_failed = 0; in_message = 0 }
    ' "${trx_files[@]}" >&2
}

if [[ -z ${WORKDESK_TEST_POSTGRES+set} ]]; then
    start_postgres
elif [[ -z $WORKDESK_TEST_POSTGRES ]]; then
    log "WORKDESK_TEST_POSTGRES is empty, so the PostgreSQL tests will be skipped."
else
    log "using the PostgreSQL server in WORKDESK_TEST_POSTGRES"
fi

# global.json in the repository root selects the SDK, so dotnet runs there.
cd "$repo_root"
mkdir -p "$results_dir"
rm -f "$results_dir"/results_*.trx

# dotnet test runs every test project of the target even when one fails.
dotnet_status=0
dotnet test "$target" \
    --logger "trx;LogFilePrefix=results" \
    --logger "console;verbosity=normal" \
    --results-directory "$results_dir" \
    "$@" || dotnet_status=$?

add_trx_counts "$results_dir"

# The web app's suites: component tests, the production build (which fails on a stale API
# client) and the end-to-end tests in headless Chromium. web/run-tests.sh prints one line per
# suite, such as "web-e2e: 1 passed, 0 failed, 0 skipped". WORKDESK_SKIP_WEB_TESTS=1 skips them.
web_status=0
if [[ -x web/run-tests.sh && ${WORKDESK_SKIP_WEB_TESTS:-0} != 1 ]]; then
    web_output=$(mktemp)
    web/run-tests.sh 2>&1 | tee "$web_output"
    web_status=${PIPESTATUS[0]}
    while read -r suite web_passed _ web_failed _ web_skipped _; do
        web_skipped=${web_skipped:-0}
        log "${suite%:}: $web_passed passed, ${web_failed%,} failed, $web_skipped skipped"
        add_counts "$web_passed" "${web_failed%,}" "$web_skipped"
    done < <(grep -E '^web-[a-z0-9]+: [0-9]+ passed, [0-9]+ failed' "$web_output")
    rm -f "$web_output"
elif [[ ${WORKDESK_SKIP_WEB_TESTS:-0} == 1 ]]; then
    log "WORKDESK_SKIP_WEB_TESTS=1, so the web tests were not run."
fi

stop_postgres
print_failed_trx_tests "$results_dir"

exit_status=0
if ((failed_total > 0)); then
    exit_status=1
fi
if ((web_status != 0 && failed_total == 0)); then
    log "error: web/run-tests.sh exited with status $web_status but reported no failed test."
    exit_status=1
fi
if ((dotnet_status != 0)); then
    exit_status=1
    if ((failed_total == 0)); then
        log "error: dotnet test exited with status $dotnet_status but no test failed. A build error or a crashed test host is the likely cause (see its output above)."
    fi
fi

echo "tests: $passed_total passed, $failed_total failed, $skipped_total skipped"
exit "$exit_status"
