# Shell functions for the benchmark scripts: run psql against the server of a Npgsql connection
# string. Source this file; it defines no variables of its own.

# Runs one SQL command in the "postgres" database, reading host, port, user and password from the
# connection string $1. Returns psql's exit status.
postgres_sql() {
    local connection=$1 sql=$2
    local pair key value env_vars=()
    local IFS=';'
    for pair in $connection; do
        key=${pair%%=*}
        value=${pair#*=}
        case ${key,,} in
        host | server) env_vars+=("PGHOST=$value") ;;
        port) env_vars+=("PGPORT=$value") ;;
        username | "user id" | user) env_vars+=("PGUSER=$value") ;;
        password) env_vars+=("PGPASSWORD=$value") ;;
        esac
    done
    unset IFS
    env "${env_vars[@]}" psql -d postgres -v ON_ERROR_STOP=1 -qc "$sql"
}
