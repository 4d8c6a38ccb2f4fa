using System.Net;
using System.Text;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Workdesk.Data;
using Workdesk.Domain.People;
using Workdesk.Domain.Requests;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Hosting;
using Workdesk.Server.Infrastructure;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Mail sent with MailKit to the built-in SMTP listener on 127.0.0.1 becomes requests and comments.</summary>
public abstract class EmailIntakeTests(WorkdeskApp app, int port)
{
    private static string NewAddress(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    private static string NewMessageId() => $"{Guid.NewGuid():N}@mail.example.test";

    private static MimeMessage Parse(string raw) => MimeMessage.Load(new MemoryStream(Encoding.ASCII.GetBytes(raw.ReplaceLineEndings("\r\n"))));

    private static MimeMessage Plain(string from, string subject, string body, string? messageId = null, string? inReplyTo = null)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(from));
        message.To.Add(MailboxAddress.Parse("help@workdesk.example.test"));
        message.Subject = subject;
        message.MessageId = messageId ?? NewMessageId();
        if (inReplyTo is not null)
        {
            message.InReplyTo = inReplyTo;
            message.References.Add(inReplyTo);
        }

        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private Task SendAsync(MimeMessage message)
    {
        // The test host, and with it the listener, starts on first use of its services.
        app.SkipIfUnavailable();
        _ = app.Services;
        return IntakeListener.SendAsync(port, message);
    }

    private async Task<T> QueryAsync<T>(Func<WorkdeskDbContext, Task<T>> query)
    {
        using var scope = app.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<WorkdeskDbContext>());
    }

    private Task<List<WorkRequest>> RequestsFromAsync(string address) =>
        QueryAsync(db => db.WorkRequests.AsNoTracking().Where(r => r.ContactEmail == address).OrderBy(r => r.Id).ToListAsync());

    [Fact]
    public async Task NewMail_CreatesRequestWithAttachment()
    {
        var address = NewAddress("rene");
        var message = Plain(address, "Heating off in room 12", "The radiator is cold since this morning.");
        message.From.Clear();
        message.From.Add(new MailboxAddress("René Dupont", address));
        var body = new TextPart("plain") { Text = "The radiator is cold since this morning." };
        var pdf = new MimePart("application", "pdf") { FileName = "floor-plan.pdf", Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4\n% test plan\n"))) };
        message.Body = new Multipart("mixed") { body, pdf };

        await SendAsync(message);
        var request = Assert.Single(await RequestsFromAsync(address));
        var attachments = await QueryAsync(db => db.Attachments.AsNoTracking().Where(a => a.WorkRequestId == request.Id).ToListAsync());

        Assert.Equal("Heating off in room 12", request.Title);
        Assert.Equal("The radiator is cold since this morning.", request.Description);
        Assert.Equal("René Dupont", request.ContactName);
        Assert.Equal(RequestSource.Email, request.Source);
        Assert.Null(request.RequesterId);
        var attachment = Assert.Single(attachments);
        Assert.Equal("floor-plan.pdf", attachment.FileName);
        Assert.Equal("application/pdf", attachment.ContentType);
    }

    [Fact]
    public async Task NewMail_ReceiptIsAutoSubmittedAndThreaded()
    {
        var address = NewAddress("receipt");

        await SendAsync(Plain(address, "Broken window", "Glass cracked in the lobby."));
        await app.DeliverEmailsAsync();
        var request = Assert.Single(await RequestsFromAsync(address));
        var outgoing = await QueryAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Recipient == address));
        var receipt = Assert.Single(app.Smtp.Messages, m => m.Contains(address, StringComparison.Ordinal));
        await SendAsync(Plain(address, "Re: Broken window", "It is getting worse.\n\nOn Monday Workdesk wrote:\n> We received your request", inReplyTo: outgoing.MessageId));
        var comments = await QueryAsync(db => db.Comments.AsNoTracking().Where(c => c.WorkRequestId == request.Id).ToListAsync());

        Assert.Contains("Auto-Submitted: auto-replied", receipt, StringComparison.Ordinal);
        Assert.Contains($"<{outgoing.MessageId}>", receipt, StringComparison.Ordinal);
        Assert.Contains($"[REQ-{request.Id}]", outgoing.Subject, StringComparison.Ordinal);
        Assert.Equal("It is getting worse.", Assert.Single(comments).Body);
        Assert.Single(await RequestsFromAsync(address));
    }

    public static TheoryData<string, string, string> EncodedMails => new()
    {
        {
            // Windows-1252 quoted-printable, with the euro sign (0x80) that ISO-8859-1 lacks.
            "From: =?windows-1252?Q?Z=F6e_M=FCller?= <{from}>\nSubject: =?windows-1252?Q?Kosten_=80_50?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n\nDie Reparatur kostet =80 50, sch=F6n.\n",
            "Kosten € 50", "Die Reparatur kostet € 50, schön."
        },
        {
            "From: =?ISO-8859-1?B?Suly9G1lIFZlcm5l?= <{from}>\nSubject: =?ISO-8859-1?Q?Temp=E9rature_=E9lev=E9e?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=ISO-8859-1\nContent-Transfer-Encoding: base64\n\nTGEgc2FsbGUgZXN0IHRy6HMgY2hhdWRlLg==\n",
            "Température élevée", "La salle est très chaude."
        },
        {
            "From: =?UTF-8?Q?J=C3=BCrgen?= <{from}>\nSubject: =?UTF-8?B?w5xiZXJncsO2w59lIOKckw==?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: quoted-printable\n\nT=C3=BCr klemmt =E2=9C=93\n",
            "Übergröße ✓", "Tür klemmt ✓"
        },
        {
            "From: Ana <{from}>\nSubject: HTML only\nMIME-Version: 1.0\nContent-Type: text/html; charset=UTF-8\nContent-Transfer-Encoding: base64\n\nPGh0bWw+PGhlYWQ+PHN0eWxlPnB7Y29sb3I6cmVkfTwvc3R5bGU+PC9oZWFkPjxib2R5PjxwPkZ1aXRlIGQmIzM5O2VhdTwvcD48cD5TYWxsZSAmYW1wOyBjb3Vsb2lyPC9wPjwvYm9keT48L2h0bWw+\n",
            "HTML only", "Fuite d'eau\n\nSalle & couloir"
        },
    };

    [Theory]
    [MemberData(nameof(EncodedMails))]
    public async Task EncodedMail_DecodesSubjectAndBody(string raw, string expectedTitle, string expectedText)
    {
        var address = NewAddress("charset");
        var message = Parse($"Message-ID: <{NewMessageId()}>\nTo: help@workdesk.example.test\n" + raw.Replace("{from}", address, StringComparison.Ordinal));

        await SendAsync(message);
        var request = Assert.Single(await RequestsFromAsync(address));

        Assert.Equal(expectedTitle, request.Title);
        Assert.Equal(expectedText, request.Description);
    }

    [Fact]
    public async Task EncodedSenderName_IsDecoded()
    {
        var address = NewAddress("name");
        var message = Parse($"Message-ID: <{NewMessageId()}>\nTo: help@workdesk.example.test\nFrom: =?ISO-8859-1?Q?Fran=E7oise_L=E9vesque?= <{address}>\nSubject: Lamp\n\nThe lamp is out.\n");

        await SendAsync(message);

        Assert.Equal("Françoise Lévesque", Assert.Single(await RequestsFromAsync(address)).ContactName);
    }

    [Fact]
    public async Task Reply_ByMessageId_CommentsOnRequest()
    {
        var address = NewAddress("thread");
        var original = NewMessageId();
        await SendAsync(Plain(address, "Noisy fan", "The fan in room 3 rattles.", original));

        await SendAsync(Plain(address, "Re: Noisy fan", "Now it stopped completely.", inReplyTo: original));
        var request = Assert.Single(await RequestsFromAsync(address));
        var comments = await QueryAsync(db => db.Comments.AsNoTracking().Where(c => c.WorkRequestId == request.Id).ToListAsync());

        Assert.Equal("Now it stopped completely.", Assert.Single(comments).Body);
    }

    [Fact]
    public async Task Reply_AfterApproval_CommentsOnWorkOrder()
    {
        var admin = await app.CreateAdminAsync();
        var address = NewAddress("approved");
        await SendAsync(Plain(address, "Door lock stuck", "The back door lock is stuck."));
        var request = Assert.Single(await RequestsFromAsync(address));
        var approved = await (await admin.Client.PostJsonAsync($"/api/v1/requests/{request.Id}/approve", new { })).ReadAsync<ApproveResponse>();
        var workOrderId = approved.WorkOrders.Single().Id;

        var reply = Plain(address, $"Re: Door lock stuck [REQ-{request.Id}]", "The front door too.");
        var photo = new MimePart("image", "png") { FileName = "door.png", Content = new MimeContent(new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0])) };
        var script = new MimePart("application", "x-sh") { FileName = "run.sh", Content = new MimeContent(new MemoryStream(Encoding.ASCII.GetBytes("echo hi"))) };
        reply.Body = new Multipart("mixed") { new TextPart("plain") { Text = "The front door too." }, photo, script };

        await SendAsync(reply);
        var comments = await QueryAsync(db => db.Comments.AsNoTracking().Where(c => c.WorkOrderId == workOrderId).ToListAsync());
        var attachments = await QueryAsync(db => db.Attachments.AsNoTracking().Where(a => a.WorkOrderId == workOrderId).ToListAsync());

        Assert.Equal("The front door too.", Assert.Single(comments).Body);
        Assert.Equal("door.png", Assert.Single(attachments).FileName);
        Assert.Single(await RequestsFromAsync(address));
    }

    [Fact]
    public async Task StaffReply_BySubjectTag_CommentsAsAuthor()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);
        var workOrder = await admin.WorkOrderAsync(new { title = "Replace filter" });

        await SendAsync(Plain(technician.Email, $"Re: [WO-{workOrder.Id}] Replace filter", "Filter replaced, old one was clogged."));
        var comment = await QueryAsync(db => db.Comments.AsNoTracking().SingleOrDefaultAsync(c => c.WorkOrderId == workOrder.Id));

        Assert.NotNull(comment);
        Assert.Equal(technician.Id, comment.AuthorId);
        Assert.Empty(await RequestsFromAsync(technician.Email));
    }

    [Fact]
    public async Task StrangerReply_OpensNewRequest()
    {
        var owner = NewAddress("owner");
        var stranger = NewAddress("stranger");
        await SendAsync(Plain(owner, "Leak", "Water under the sink."));
        var request = Assert.Single(await RequestsFromAsync(owner));

        await SendAsync(Plain(stranger, $"Re: Leak [REQ-{request.Id}]", "I see it too."));
        var comments = await QueryAsync(db => db.Comments.AsNoTracking().CountAsync(c => c.WorkRequestId == request.Id));

        Assert.Equal(0, comments);
        Assert.Single(await RequestsFromAsync(stranger));
    }

    [Fact]
    public async Task Reply_WithSeveralTags_UsesTheNewest()
    {
        var owner = NewAddress("owner");
        var stranger = NewAddress("stranger");
        await SendAsync(Plain(owner, "Heating", "No heat on floor 2."));
        var first = Assert.Single(await RequestsFromAsync(owner));
        await SendAsync(Plain(stranger, $"Re: Heating [REQ-{first.Id}]", "Floor 3 is cold as well."));
        var own = Assert.Single(await RequestsFromAsync(stranger));

        await SendAsync(Plain(stranger, $"Re: Heating [REQ-{first.Id}] [REQ-{own.Id}]", "Still cold this morning."));
        var comments = await QueryAsync(db => db.Comments.AsNoTracking().CountAsync(c => c.WorkRequestId == own.Id));

        Assert.Equal(1, comments);
        Assert.Single(await RequestsFromAsync(stranger));
    }

    [Theory]
    [InlineData("Auto-Submitted: auto-replied", "person")]
    [InlineData("Auto-Submitted: auto-generated", "person")]
    [InlineData("Precedence: bulk", "person")]
    [InlineData("Precedence: junk", "person")]
    [InlineData("Precedence: list", "person")]
    [InlineData("", "MAILER-DAEMON")]
    [InlineData("", "postmaster")]
    public async Task AutomaticMail_CreatesNothingAndGetsNoReply(string header, string localPart)
    {
        var address = $"{localPart}@{Guid.NewGuid():N}.example.test";
        var headerLine = header.Length > 0 ? header + "\n" : "";
        var message = Parse($"Message-ID: <{NewMessageId()}>\nTo: help@workdesk.example.test\nFrom: <{address}>\n{headerLine}Subject: Out of office\n\nI am away until Monday.\n");

        await SendAsync(message);
        var requests = await RequestsFromAsync(address);
        var outgoing = await QueryAsync(db => db.OutboxMessages.CountAsync(m => m.Recipient == address));

        Assert.Empty(requests);
        Assert.Equal(0, outgoing);
    }

    [Fact]
    public async Task AutoSubmittedNo_IsAPerson()
    {
        var address = NewAddress("manual");
        var message = Parse($"Message-ID: <{NewMessageId()}>\nTo: help@workdesk.example.test\nFrom: <{address}>\nAuto-Submitted: no\nSubject: Tap drips\n\nThe tap drips.\n");

        await SendAsync(message);

        Assert.Single(await RequestsFromAsync(address));
    }

    [Fact]
    public async Task SameMessageTwice_FilesOnce()
    {
        var address = NewAddress("twice");
        var id = NewMessageId();

        await SendAsync(Plain(address, "Mould", "Mould on the wall.", id));
        await SendAsync(Plain(address, "Mould", "Mould on the wall.", id));

        Assert.Single(await RequestsFromAsync(address));
    }

    [Fact]
    public async Task UnknownSender_Reject_Answers550()
    {
        var settings = app.Services.GetRequiredService<IOptions<ServerSettings>>().Value.EmailIntake;
        var address = NewAddress("unknown");
        settings.UnknownSenders = "reject";
        SmtpCommandException? rejected;
        try
        {
            rejected = await Assert.ThrowsAsync<SmtpCommandException>(() => SendAsync(Plain(address, "Spam?", "Buy now.")));
        }
        finally
        {
            settings.UnknownSenders = "anonymous";
        }

        Assert.Equal(MailKit.Net.Smtp.SmtpStatusCode.MailboxUnavailable, rejected.StatusCode);
        Assert.Empty(await RequestsFromAsync(address));
    }

    [Fact]
    public async Task UnknownSender_Reject_StillAcceptsUsers()
    {
        var settings = app.Services.GetRequiredService<IOptions<ServerSettings>>().Value.EmailIntake;
        var requester = await app.CreateUserAsync(Role.Requester);
        settings.UnknownSenders = "reject";
        try
        {
            await SendAsync(Plain(requester.Email, "Chair broken", "The chair at desk 4 is broken."));
        }
        finally
        {
            settings.UnknownSenders = "anonymous";
        }

        Assert.Equal(requester.Id, Assert.Single(await RequestsFromAsync(requester.Email)).RequesterId);
    }

    [Fact]
    public async Task UnknownSender_Accept_CreatesRequester()
    {
        var settings = app.Services.GetRequiredService<IOptions<ServerSettings>>().Value.EmailIntake;
        var address = NewAddress("newcomer");
        settings.UnknownSenders = "accept";
        try
        {
            var message = Plain(address, "Lift stuck", "The lift is stuck on floor 2.");
            message.From.Clear();
            message.From.Add(new MailboxAddress("New Comer", address));
            await SendAsync(message);
        }
        finally
        {
            settings.UnknownSenders = "anonymous";
        }

        var user = await QueryAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == address));
        var request = Assert.Single(await RequestsFromAsync(address));

        Assert.Equal(Role.Requester, user.Role);
        Assert.Equal("New Comer", user.DisplayName);
        Assert.Null(user.PasswordHash);
        Assert.Equal(user.Id, request.RequesterId);
    }
}

public sealed class EmailIntakeSqliteTests(IntakeSqliteApp app) : EmailIntakeTests(app, app.IntakePort), IClassFixture<IntakeSqliteApp>;

public sealed class EmailIntakePostgresTests(IntakePostgresApp app) : EmailIntakeTests(app, app.IntakePort), IClassFixture<IntakePostgresApp>;

/// <summary>A listener that cannot bind its port must leave the rest of the server running.</summary>
public sealed class EmailIntakeBusyPortTests
{
    private sealed class BusyPortApp(int port) : SqliteApp
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            IntakeListener.Configure(builder, port);
        }
    }

    [Fact]
    public async Task PortInUse_ServerStillAnswers()
    {
        using var holder = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        await using var app = new BusyPortApp(port);

        var client = app.CreateClient();
        var first = await client.GetAsync("/health");
        await Task.Delay(500);
        var second = await client.GetAsync("/health");

        await first.ShouldBeAsync(HttpStatusCode.OK);
        await second.ShouldBeAsync(HttpStatusCode.OK);
    }
}
