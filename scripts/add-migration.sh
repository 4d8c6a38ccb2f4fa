#!/usr/bin/env bash
# Adds a migration with the given name for both database providers, so the two histories stay in step.
# Usage: scripts/add-migration.sh NameOfTheChange
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: $0 MigrationName" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$1" \
    --project src/Workdesk.Data --startup-project src/Workdesk.Data \
    --context "${provider}WorkdeskDbContext" --output-dir "Migrations/$provider"
done
