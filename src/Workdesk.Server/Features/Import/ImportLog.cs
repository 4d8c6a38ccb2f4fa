namespace Workdesk.Server.Features.Import;

internal static partial class ImportLog
{
    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Import of {Kind} ({Format}) started by user {ActorId}")]
    public static partial void Started(ILogger logger, string kind, string format, long? actorId);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information,
        Message = "Import of {Kind} finished in {ElapsedMs} ms: {Imported} imported, {Updated} updated, {Skipped} unchanged, {Rejected} rejected")]
    public static partial void Completed(ILogger logger, string kind, long imported, long updated, long skipped, long rejected, long elapsedMs);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Information, Message = "Import of {Kind} rejected the file: {Reason}")]
    public static partial void FileRejected(ILogger logger, string kind, string reason);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "Import rejected the row at line {Line} because the database failed to write it")]
    public static partial void RowFailed(ILogger logger, Exception exception, long line);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Import stopped at line {Line}")]
    public static partial void Stopped(ILogger logger, Exception exception, long line);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Warning,
        Message = "Import could not write lines {FirstLine} to {LastLine} as one batch because the database failed, so it writes them again row by row")]
    public static partial void BatchFailed(ILogger logger, Exception exception, long firstLine, long lastLine);

    [LoggerMessage(EventId = 3006, Level = LogLevel.Information, Message = "Export of {Kind} wrote {Rows} rows")]
    public static partial void Exported(ILogger logger, string kind, long rows);
}
