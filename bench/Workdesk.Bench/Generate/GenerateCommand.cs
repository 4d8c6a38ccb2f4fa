using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Workdesk.Data;

namespace Workdesk.Bench.Generate;

/// <summary>`workdesk-bench generate`: creates the schema with the real migrations, then bulk-loads a data set.</summary>
internal static class GenerateCommand
{
    /// <summary>Default creation date of the newest work order, fixed so that a seed always gives the same rows.</summary>
    public const string DefaultEndDate = "2026-12-01";

    private static readonly Option<string> DatabaseOption = new Option<string>("--database")
    {
        Description = "Database provider: sqlite or postgres.",
        DefaultValueFactory = _ => "sqlite",
    }.AcceptOnlyFromAmong("sqlite", "postgres");

    private static readonly Option<string?> SqliteFile = new("--sqlite-file")
    {
        Description = "SQLite file to create. The server reads DATA_DIR/workdesk.db, so name the file that way.",
    };

    private static readonly Option<string?> ConnectionString = new("--connection-string")
    {
        Description = "Connection string: required for postgres (the database is created if missing), or instead of --sqlite-file.",
    };

    private static readonly Option<int> WorkOrders = new("--work-orders")
    {
        Description = "Number of work orders, spread over the ten years before --end-date.",
        DefaultValueFactory = _ => 1_000_000,
    };

    private static readonly Option<int> Locations = new("--locations")
    {
        Description = "Number of locations in the campus > building > floor > room tree (at least 4).",
        DefaultValueFactory = _ => 10_000,
    };

    private static readonly Option<int> Users = new("--users")
    {
        Description = "Number of users, with mixed roles (at least 5). User 1 is the benchmark administrator.",
        DefaultValueFactory = _ => 500,
    };

    private static readonly Option<int> Assets = new("--assets")
    {
        Description = "Number of assets, dealt round-robin over the rooms.",
        DefaultValueFactory = _ => 100_000,
    };

    private static readonly Option<long> Seed = new("--seed")
    {
        Description = "Seed of the random choices; the same seed and sizes give the same rows.",
        DefaultValueFactory = _ => 42,
    };

    private static readonly Option<string> EndDate = new("--end-date")
    {
        Description = $"Creation date of the newest work order, as yyyy-MM-dd in UTC (default: {DefaultEndDate}).",
        DefaultValueFactory = _ => DefaultEndDate,
    };

    private static readonly Option<bool> Replace = new("--replace")
    {
        Description = "Delete the SQLite file, or drop and re-create the PostgreSQL database, before generating.",
    };

    private static readonly Option<string?> TokenFile = new("--token-file")
    {
        Description = "File to write the benchmark user's API token to (mode 600), for scripts.",
    };

    public static Command Create()
    {
        var command = new Command("generate", "Creates a database with the real migrations and fills it with a deterministic data set.");
        command.Options.Add(DatabaseOption);
        command.Options.Add(SqliteFile);
        command.Options.Add(ConnectionString);
        command.Options.Add(WorkOrders);
        command.Options.Add(Locations);
        command.Options.Add(Users);
        command.Options.Add(Assets);
        command.Options.Add(Seed);
        command.Options.Add(EndDate);
        command.Options.Add(Replace);
        command.Options.Add(TokenFile);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, CancellationToken ct)
    {
        var errors = new List<string>();
        var workOrders = result.GetValue(WorkOrders);
        var locations = result.GetValue(Locations);
        var users = result.GetValue(Users);
        var assets = result.GetValue(Assets);
        if (workOrders < 1)
        {
            errors.Add($"--work-orders must be 1 or more; got {workOrders}.");
        }

        if (locations < LocationPlan.MinimumCount)
        {
            errors.Add($"--locations must be at least {LocationPlan.MinimumCount} (one per level of the tree); got {locations}.");
        }

        if (users < PeoplePlan.MinimumUsers)
        {
            errors.Add($"--users must be at least {PeoplePlan.MinimumUsers} (one per role); got {users}.");
        }

        if (assets < 0)
        {
            errors.Add($"--assets must be 0 or more; got {assets}.");
        }

        var endDateText = result.GetValue(EndDate)!;
        if (!DateTime.TryParseExact(endDateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var endDate))
        {
            errors.Add($"--end-date '{endDateText}' is invalid: use yyyy-MM-dd, such as {DefaultEndDate}.");
        }

        var settings = ResolveDatabase(result, errors);
        if (errors.Count > 0 || settings is null)
        {
            foreach (var error in errors)
            {
                await Console.Error.WriteLineAsync("error: " + error);
            }

            return 2;
        }

        var size = new DataSetSize(workOrders, locations, users, result.GetValue(Seed), new DateTimeOffset(endDate, TimeSpan.Zero), assets);
        try
        {
            return await GenerateAndReportAsync(settings, size, result.GetValue(Replace), result.GetValue(TokenFile), ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException)
        {
            await Console.Error.WriteLineAsync($"error: generating into {settings.Describe()} failed: {e.Message}");
            return 1;
        }
    }

    private static DatabaseSettings? ResolveDatabase(ParseResult result, List<string> errors)
    {
        var provider = result.GetValue(DatabaseOption);
        var sqliteFile = result.GetValue(SqliteFile);
        var connectionString = result.GetValue(ConnectionString);
        if (provider == "postgres")
        {
            if (sqliteFile is not null)
            {
                errors.Add("--sqlite-file is for --database sqlite; for postgres pass --connection-string.");
            }

            if (string.IsNullOrWhiteSpace(connectionString))
            {
                errors.Add("--database postgres needs --connection-string, such as \"Host=127.0.0.1;Database=workdesk_bench;Username=workdesk;Password=...\".");
                return null;
            }

            return new DatabaseSettings(DatabaseProvider.Postgres, connectionString);
        }

        if ((sqliteFile is null) == (connectionString is null))
        {
            errors.Add("--database sqlite needs exactly one of --sqlite-file and --connection-string.");
            return null;
        }

        return sqliteFile is not null
            ? DatabaseSettings.ForSqliteFile(sqliteFile)
            : new DatabaseSettings(DatabaseProvider.Sqlite, connectionString!);
    }

    /// <summary>
    /// Creates the schema with the real migrations, then writes the data set. Throws
    /// <see cref="InvalidOperationException"/> when the database already has users or work orders.
    /// </summary>
    public static async Task<GeneratedDataSet> GenerateAsync(
        DatabaseSettings settings, DataSetSize size, bool replace, TimedProgress progress, CancellationToken ct)
    {
        await PrepareTargetAsync(settings, replace, progress, ct);

        await using (var db = DatabaseSetup.CreateContext(settings))
        {
            await db.Database.MigrateAsync(ct);
            if (await db.Users.AnyAsync(ct) || await db.WorkOrders.AnyAsync(ct))
            {
                throw new InvalidOperationException(
                    $"{settings.Describe()} already contains users or work orders. Pass --replace to start from an empty database.");
            }
        }

        progress.Report("schema created by the migrations");

        // The bulk writers open their own connections. A pooled connection left open by EF Core would
        // keep the SQLite file in WAL mode or keep a session on the PostgreSQL database.
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();

        var token = BenchToken.Create();
        var generator = new DataGenerator(size, token, progress);
        using (BulkDatabase bulk = settings.Provider == DatabaseProvider.Sqlite
            ? new SqliteBulkDatabase(settings.ConnectionString)
            : new PostgresBulkDatabase(settings.ConnectionString))
        {
            await bulk.PrepareAsync(ct);
            generator.Write(bulk);
            await bulk.FinishAsync(progress, ct);
        }

        return new GeneratedDataSet(token, generator.Locations, generator.AssetCount, generator.RowCounts);
    }

    private static async Task<int> GenerateAndReportAsync(
        DatabaseSettings settings, DataSetSize size, bool replace, string? tokenFile, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var generated = await GenerateAsync(settings, size, replace, new TimedProgress(Console.Out, started), ct);
        if (tokenFile is not null)
        {
            await WriteTokenFileAsync(tokenFile, generated.Token.Secret, ct);
        }

        var plan = generated.Locations;
        var rows = generated.RowCounts;
        await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"""
            Generated {settings.Describe()} in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s (seed {size.Seed}):
              {size.WorkOrders:N0} work orders created {size.Newest - WorkOrderPlan.History:yyyy-MM-dd} to {size.Newest:yyyy-MM-dd}
              {plan.Count:N0} locations: {plan.Campuses} campuses, {plan.Buildings} buildings (ids {plan.FirstBuildingId}-{plan.FirstFloorId - 1}), {plan.Floors} floors, {plan.Rooms:N0} rooms
              {size.Users} users, {generated.AssetCount:N0} assets, {rows["WorkOrderAssignments"]:N0} assignments, {rows["Activities"]:N0} history entries
            API token of {PeoplePlan.BenchUserEmail} (Administrator): {generated.Token.Secret}
            """));
        return 0;
    }

    /// <summary>Deletes an old SQLite file or re-creates the PostgreSQL database when asked, and creates a missing one.</summary>
    private static async Task PrepareTargetAsync(DatabaseSettings settings, bool replace, TimedProgress progress, CancellationToken ct)
    {
        if (settings.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(settings.ConnectionString).DataSource;
            if (replace)
            {
                foreach (var file in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(file);
                }
            }

            return;
        }

        var target = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        var name = target.Database;
        if (string.IsNullOrWhiteSpace(name) || name == "postgres")
        {
            throw new InvalidOperationException(
                "The connection string must name the benchmark's own database (Database=...), not the postgres maintenance database.");
        }

        var maintenance = new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        bool exists;
        await using (var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            exists = (bool)(await command.ExecuteScalarAsync(ct))!;
        }

        var quoted = PostgresBulkDatabase.QuoteIdentifier(name);
        if (exists && replace)
        {
            await using var drop = new NpgsqlCommand($"DROP DATABASE {quoted} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync(ct);
            progress.Report($"dropped database {name}");
        }

        if (!exists || replace)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(ct);
            progress.Report($"created database {name}");
        }
    }

    private static async Task WriteTokenFileAsync(string path, string secret, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // Deleting first makes sure the mode applies: it is set only when the file is created.
        var fullPath = Path.GetFullPath(path);
        File.Delete(fullPath);
        await using var stream = new FileStream(fullPath, options);
        await using var writer = new StreamWriter(stream);
        await writer.WriteLineAsync(secret.AsMemory(), ct);
    }
}

/// <summary>What <see cref="GenerateCommand.GenerateAsync"/> wrote: the token of user 1, the location tree and the rows per table.</summary>
internal sealed record GeneratedDataSet(BenchToken Token, LocationPlan Locations, int AssetCount, IReadOnlyDictionary<string, long> RowCounts);

/// <summary>Writes progress lines at once, in order, with the seconds since <paramref name="startedTimestamp"/>.</summary>
internal sealed class TimedProgress(TextWriter output, long startedTimestamp) : IProgress<string>
{
    public TimedProgress(TextWriter output)
        : this(output, Stopwatch.GetTimestamp())
    {
    }

    public void Report(string value) =>
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds,6:F1} s] {value}"));
}
