using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Workdesk.Domain.Assets;
using Workdesk.Domain.Locations;
using Workdesk.Domain.Requests;

namespace Workdesk.Data;

/// <summary>The embedded default: a SQLite file in WAL mode.</summary>
public sealed class SqliteWorkdeskDbContext(DbContextOptions<SqliteWorkdeskDbContext> options) : WorkdeskDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        DefaultKeys(modelBuilder, "lower(hex(randomblob(8)))", "lower(hex(randomblob(16)))");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no date type, and EF Core cannot compare or sort DateTimeOffset stored as
        // text. UTC ticks in an INTEGER column compare, sort and index correctly.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        value => value.UtcTicks,
        ticks => new DateTimeOffset(ticks, TimeSpan.Zero));
}

/// <summary>PostgreSQL, for deployments that outgrow one machine.</summary>
public sealed class PostgresWorkdeskDbContext(DbContextOptions<PostgresWorkdeskDbContext> options) : WorkdeskDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Subtree queries compare paths as byte strings ('/' sorts before '0'); a linguistic
        // collation would ignore the punctuation and break the ranges.
        modelBuilder.Entity<Location>().Property(l => l.Path).UseCollation("C");
        modelBuilder.Entity<Asset>().Property(a => a.Path).UseCollation("C");
        DefaultKeys(modelBuilder, "substr(md5(random()::text || clock_timestamp()::text), 1, 16)", "md5(random()::text || clock_timestamp()::text)");
    }
}
