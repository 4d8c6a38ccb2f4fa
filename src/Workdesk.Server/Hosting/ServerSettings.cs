using Workdesk.Data;

namespace Workdesk.Server.Hosting;

/// <summary>
/// The settings under the "Workdesk" configuration section. They come from appsettings.json,
/// environment variables such as Workdesk__Database__Provider, or command-line options.
/// </summary>
public sealed class ServerSettings
{
    public const string Section = "Workdesk";

    /// <summary>Folder for the SQLite file and attachments; relative paths start at the working folder.</summary>
    public string DataDirectory { get; set; } = "data";

    public DatabaseOptions Database { get; set; } = new();

    public SmtpOptions Smtp { get; set; } = new();

    public WebhookOptions Webhooks { get; set; } = new();

    public ScheduleOptions Schedules { get; set; } = new();

    public sealed class ScheduleOptions
    {
        /// <summary>Seconds between runs of the preventive maintenance generation job; 0 turns the recurring job off.</summary>
        public int GenerateEverySeconds { get; set; } = 60;
    }

    public SearchOptions Search { get; set; } = new();

    public sealed class SearchOptions
    {
        /// <summary>
        /// Matches up to which a text search of the work order list counts exactly. Above it the
        /// list reports this number with totalCountIsLowerBound set, so that a common word does not
        /// make every page count all of its matches. At least 1.
        /// </summary>
        public int ExactCountLimit { get; set; } = 10_000;
    }

    public EmailIntakeOptions EmailIntake { get; set; } = new();

    /// <summary>The built-in SMTP listener that turns incoming mail into requests and comments; off by default.</summary>
    public sealed class EmailIntakeOptions
    {
        public bool Enabled { get; set; }

        /// <summary>The address to listen on; the loopback default accepts mail only from this machine, such as a local relay.</summary>
        public string Host { get; set; } = "127.0.0.1";

        public int Port { get; set; } = 2525;

        /// <summary>Largest message accepted, attachments included, in bytes.</summary>
        public int MaxMessageBytes { get; set; } = 25 * 1024 * 1024;

        /// <summary>
        /// What to do with mail from an address no user has: "accept" creates a requester account,
        /// "anonymous" files the request with the address as its contact only, "reject" rejects the
        /// mail with SMTP code 550.
        /// </summary>
        public string UnknownSenders { get; set; } = "anonymous";
    }

    public sealed class WebhookOptions
    {
        /// <summary>Whether webhooks may target loopback, private and link-local addresses; off by default.</summary>
        public bool AllowInternalTargets { get; set; }
    }

    /// <summary>
    /// The address people use to reach the server, such as "https://workdesk.example.org", for
    /// links in QR codes and emails. When empty, the address of the current request is used.
    /// </summary>
    public string? PublicUrl { get; set; }

    /// <summary>Redis connection string for sending live updates between several server nodes; empty for one node.</summary>
    public string? Redis { get; set; }

    /// <summary>Largest attachment accepted, in bytes.</summary>
    public long MaxAttachmentBytes { get; set; } = 25 * 1024 * 1024;

    public sealed class DatabaseOptions
    {
        /// <summary>"sqlite" (the default) or "postgres".</summary>
        public string Provider { get; set; } = "sqlite";

        /// <summary>Connection string; for SQLite it defaults to workdesk.db in the data folder.</summary>
        public string? ConnectionString { get; set; }
    }

    /// <summary>The mail server that sends requester updates; no email is queued while Host is empty.</summary>
    public sealed class SmtpOptions
    {
        public string? Host { get; set; }

        public int Port { get; set; } = 587;

        /// <summary>"auto" (STARTTLS when offered), "starttls", "tls" (implicit TLS) or "none".</summary>
        public string Security { get; set; } = "auto";

        public string? UserName { get; set; }

        public string? Password { get; set; }

        /// <summary>Sender address, such as "Workdesk &lt;workdesk@example.org&gt;".</summary>
        public string From { get; set; } = "Workdesk <workdesk@localhost>";

        public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);
    }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);

    public string FilesDirectory => Path.Combine(FullDataDirectory, "files");

    /// <summary>Resolves the provider and connection string, or explains what is wrong.</summary>
    public DatabaseSettings ResolveDatabase()
    {
        var provider = Database.Provider.Trim().ToLowerInvariant();
        switch (provider)
        {
            case "sqlite":
                return string.IsNullOrWhiteSpace(Database.ConnectionString)
                    ? DatabaseSettings.ForSqliteFile(Path.Combine(FullDataDirectory, "workdesk.db"))
                    : new DatabaseSettings(DatabaseProvider.Sqlite, Database.ConnectionString);
            case "postgres" or "postgresql":
                if (string.IsNullOrWhiteSpace(Database.ConnectionString))
                {
                    throw new InvalidOperationException(
                        "The PostgreSQL provider needs a connection string: set Workdesk:Database:ConnectionString or pass --connection-string, such as \"Host=127.0.0.1;Database=workdesk;Username=workdesk;Password=...\".");
                }

                return new DatabaseSettings(DatabaseProvider.Postgres, Database.ConnectionString);
            default:
                throw new InvalidOperationException(
                    $"The database provider '{Database.Provider}' is unknown. Use \"sqlite\" or \"postgres\".");
        }
    }
}
