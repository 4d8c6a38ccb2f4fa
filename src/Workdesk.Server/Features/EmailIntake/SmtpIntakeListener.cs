using System.Buffers;
using System.Net;
using Microsoft.Extensions.Options;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;
using Workdesk.Server.Hosting;

namespace Workdesk.Server.Features.EmailIntake;

/// <summary>
/// The built-in SMTP listener (the SmtpServer library) that hands each received mail to
/// <see cref="MailIntake"/>. It runs only when Workdesk:EmailIntake:Enabled is true.
/// </summary>
public sealed partial class SmtpIntakeListener(IOptions<ServerSettings> settings, IServiceScopeFactory scopes, ILogger<SmtpIntakeListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var intake = settings.Value.EmailIntake;
        if (!intake.Enabled)
        {
            return;
        }

        if (!IPAddress.TryParse(intake.Host, out var address))
        {
            LogInvalidHost(logger, intake.Host);
            return;
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("workdesk")
            .MaxMessageSize(intake.MaxMessageBytes)
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(address, intake.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new IntakeMessageStore(scopes, logger));
        var server = new SmtpServer.SmtpServer(options, services);
        LogListening(logger, intake.Host, intake.Port);
        try
        {
            await server.StartAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping.
        }
        catch (System.Net.Sockets.SocketException e)
        {
            // A port in use or an address this machine does not have stops only email intake, not the server.
            LogListenFailed(logger, e, intake.Host, intake.Port);
            return;
        }

        LogStopped(logger);
    }

    private sealed class IntakeMessageStore(IServiceScopeFactory scopes, ILogger logger) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            MimeMessage message;
            try
            {
                using var stream = new MemoryStream(buffer.ToArray());
                message = await MimeMessage.LoadAsync(stream, cancellationToken);
            }
            catch (FormatException e)
            {
                LogUnreadable(logger, e);
                return new SmtpResponse(SmtpReplyCode.SyntaxError, "The message could not be parsed as MIME.");
            }

            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<MailIntake>().ReceiveAsync(message, cancellationToken);
                LogReceived(logger, result.Outcome, message.MessageId, result.Reason);
                return result.Outcome == IntakeOutcome.Rejected
                    ? new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "Mail from unknown senders is not accepted here.")
                    : SmtpResponse.Ok;
            }
            catch (Exception e) when (e is Microsoft.EntityFrameworkCore.DbUpdateException or System.Data.Common.DbException or IOException or TimeoutException)
            {
                // A 4xx reply tells the sending server to keep the mail and retry later, so nothing is lost.
                LogFailed(logger, e, message.MessageId);
                return new SmtpResponse(SmtpReplyCode.ServiceUnavailable, "The mail could not be stored now; try again later.");
            }
        }
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Information, Message = "Email intake listening for SMTP on {Host}:{Port}")]
    private static partial void LogListening(ILogger logger, string host, int port);

    [LoggerMessage(EventId = 91, Level = LogLevel.Information, Message = "Email intake stopped")]
    private static partial void LogStopped(ILogger logger);

    [LoggerMessage(EventId = 92, Level = LogLevel.Error, Message = "Email intake did not start: Workdesk:EmailIntake:Host '{Host}' is not an IP address. Set an address such as 127.0.0.1")]
    private static partial void LogInvalidHost(ILogger logger, string host);

    [LoggerMessage(EventId = 96, Level = LogLevel.Error, Message = "Email intake could not listen on {Host}:{Port}; check that the port is free and the address belongs to this machine")]
    private static partial void LogListenFailed(ILogger logger, Exception exception, string host, int port);

    [LoggerMessage(EventId = 93, Level = LogLevel.Information, Message = "Email intake filed message {MessageId}: {Outcome} {Reason}")]
    private static partial void LogReceived(ILogger logger, IntakeOutcome outcome, string? messageId, string? reason);

    [LoggerMessage(EventId = 94, Level = LogLevel.Warning, Message = "Email intake rejected a message that is not valid MIME")]
    private static partial void LogUnreadable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 95, Level = LogLevel.Error, Message = "Email intake failed to store message {MessageId}; the sender was asked to retry")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? messageId);
}
