using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Serilog;
using Workdesk.Data;
using Workdesk.Server.Features.Admin;
using Workdesk.Server.Features.Assets;
using Workdesk.Server.Features.Assets.Cobie;
using Workdesk.Server.Features.Auth;
using Workdesk.Server.Features.Files;
using Workdesk.Server.Features.People;
using Workdesk.Server.Features.Live;
using Workdesk.Server.Features.Maintenance;
using Workdesk.Server.Features.Notifications;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.Public;
using Workdesk.Server.Features.Requests;
using Workdesk.Server.Features.ServiceLevels;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Infrastructure;

namespace Workdesk.Server.Hosting;

/// <summary>Builds the web application: services, middleware and every endpoint.</summary>
public static class WebApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>
    /// Whether the build is running the app only to write the OpenAPI document; then no database
    /// is touched and nothing listens.
    /// </summary>
    public static bool IsGeneratingOpenApiDocument =>
        string.Equals(System.Reflection.Assembly.GetEntryAssembly()?.GetName().Name, "GetDocument.Insider", StringComparison.Ordinal);

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, WebRootPath = WebAppFiles.FindWebRoot() });
        AddProgramSettings(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        configure?.Invoke(builder);
        builder.Host.UseSerilog((context, logging) => logging
            .ReadFrom.Configuration(context.Configuration)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}",
                formatProvider: System.Globalization.CultureInfo.InvariantCulture));

        AddServices(builder.Services, builder.Configuration);
        var app = builder.Build();
        UseMiddleware(app);
        MapEndpoints(app);
        return app;
    }

    /// <summary>
    /// Reads the appsettings.json shipped beside the program first, so that its log levels and
    /// defaults apply wherever the server is started from. A settings file in the working folder,
    /// environment variables and options still override it.
    /// </summary>
    private static void AddProgramSettings(ConfigurationManager configuration)
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        var working = Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json");
        if (File.Exists(shipped) && !string.Equals(Path.GetFullPath(shipped), Path.GetFullPath(working), StringComparison.Ordinal))
        {
            // Changing the sources of a ConfigurationManager rebuilds its providers at once.
            ((IConfigurationBuilder)configuration).Sources.Insert(0, new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
            {
                Path = "appsettings.json",
                Optional = true,
                FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            });
        }
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        AddCoreServices(services, configuration);
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            if (context.HttpContext.Response.StatusCode == StatusCodes.Status400BadRequest && context.ProblemDetails.Detail is null
                && UnreadableParameters.Find(context.HttpContext) is var (field, detail))
            {
                context.ProblemDetails.Title = "The request is invalid.";
                context.ProblemDetails.Detail = detail;
                context.ProblemDetails.Extensions["errors"] = new Dictionary<string, string[]> { [field] = [detail] };
            }

            // Empty 401 and 415 responses get a detail that names what to send instead.
            context.ProblemDetails.Detail ??= context.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status401Unauthorized => "Sign in, or send a valid API token as \"Authorization: Bearer wd_...\".",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with the header \"Content-Type: application/json\".",
                _ => null,
            };
        });
        services.AddExceptionHandler<UnexpectedErrorHandler>();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Workdesk API";
            document.Info.Description = "Work orders, requests, locations and assets. Authenticate with the session cookie or an API token (Authorization: Bearer wd_...).";

            // The generator adds null to a shared enum schema once any property of that enum type is
            // nullable. Each such property already allows null through its own oneOf, so null goes.
            foreach (var schema in document.Components?.Schemas?.Values ?? [])
            {
                if (schema is Microsoft.OpenApi.OpenApiSchema { Enum: { Count: > 0 } values })
                {
                    for (var i = values.Count - 1; i >= 0; i--)
                    {
                        if (values[i] is null)
                        {
                            values.RemoveAt(i);
                        }
                    }
                }
            }

            return Task.CompletedTask;
        }));
        services.AddWorkdeskAuth();
        services.AddPublicRateLimits();
        var signalR = services.AddSignalR();
        var redis = configuration.GetSection(ServerSettings.Section).Get<ServerSettings>()?.Redis;
        if (!string.IsNullOrWhiteSpace(redis))
        {
            signalR.AddStackExchangeRedis(redis);
        }
        if (!IsGeneratingOpenApiDocument)
        {
            // Keys that sign session cookies live with the data, so sessions survive a restart.
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(
                Path.Combine(configuration.GetSection(ServerSettings.Section).Get<ServerSettings>()?.FullDataDirectory ?? "data", "keys")));
            services.AddHostedService<DatabaseInitializer>();
            services.AddWorkdeskJobs(configuration);
            services.AddHostedService<Features.EmailIntake.SmtpIntakeListener>();
        }

        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
    }

    /// <summary>The services the command-line tool shares with the server: data, rules and features.</summary>
    public static void AddCoreServices(IServiceCollection services, IConfiguration configuration)
    {
        // .NET includes only the Unicode and Latin-1 encodings by default. Mail often comes in
        // windows-1252 or another legacy code page, which MimeKit decodes only once these are registered.
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        services.AddOptions<ServerSettings>()
            .Bind(configuration.GetSection(ServerSettings.Section))
            .Validate(
                s => s.Search.ExactCountLimit >= 1,
                "Workdesk:Search:ExactCountLimit must be 1 or more; it is the number of search matches counted exactly.")
            .ValidateOnStart();
        services.AddWorkdeskDatabase(sp => sp.GetRequiredService<IOptions<ServerSettings>>().Value.ResolveDatabase());
        services.AddSingleton<TimeProvider, DatabaseClock>();
        services.AddSingleton(sp => sp.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions ?? CreateJsonOptions());
        services.AddScoped<CurrentUser>();
        services.AddSingleton<Microsoft.AspNetCore.Identity.IPasswordHasher<Domain.People.User>, Microsoft.AspNetCore.Identity.PasswordHasher<Domain.People.User>>();
        services.AddScoped<Idempotency>();
        services.AddSingleton<ReferenceDataCache>();
        services.AddSingleton<SqliteGroupCommit>();
        services.AddScoped<ReferenceData>();
        services.AddScoped<WorkOrderService>();
        services.AddScoped<WorkOrderPatch>();
        services.AddScoped<Features.Workflows.WorkflowCatalog>();
        services.AddScoped<Features.Workflows.WorkflowUpgrade>();
        services.AddScoped<Features.Procedures.ProcedureResults>();
        services.AddScoped<Features.Approvals.ApprovalService>();
        services.AddScoped<Features.Configuration.ConfigExporter>();
        services.AddScoped<Features.Configuration.ConfigImporter>();
        services.AddScoped<RequestService>();
        services.AddScoped<LocationService>();
        services.AddScoped<AssetTree>();
        services.AddScoped<Features.Meters.MeterReadings>();
        services.AddScoped<Features.Schedules.ScheduleRules>();
        services.AddScoped<Features.Schedules.ScheduleGenerator>();
        services.AddScoped<Features.Schedules.Forecast>();
        services.AddScoped<Features.ServiceLevels.SlaService>();
        services.AddScoped<Features.ServiceLevels.EscalationActions>();
        services.AddScoped<Features.Notifications.Notifier>();
        services.AddScoped<Features.Notifications.EmailTemplates>();
        services.AddScoped<Features.EmailIntake.MailIntake>();
        services.AddScoped<Features.Webhooks.WebhookEvents>();
        services.AddScoped<Features.Assets.Cobie.CobieImporter>();
        services.AddScoped<UserAccounts>();
        services.AddSingleton<FileStore>();
        services.AddScoped<Uploader>();
        services.AddScoped<PublicSubmissions>();
        services.AddHttpContextAccessor();
        services.AddScoped<LiveUpdates>();
        Features.Import.ImportServices.AddDataImport(services);
        services.AddScoped<PublicLinks>();
        services.AddScoped<EmailOutbox>();
        services.AddScoped<RequesterNotices>();
        services.AddSingleton<SmtpEmailSender>();
    }

    public static JsonSerializerOptions CreateJsonOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ConfigureJson(options);
        return options;
    }

    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
    }

    private static void UseMiddleware(WebApplication app)
    {
        // Request logging sits outside the exception handler, so it records the status the client
        // got: a malformed body is logged as the 400 it became, not as a 500 with a stack trace.
        app.UseSerilogRequestLogging(options => options.GetLevel = RequestLogLevels.For);
        app.UseExceptionHandler();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseAuthorization();
        app.UseRateLimiter();
    }

    private static void MapEndpoints(WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api-reference", options =>
        {
            // A self-hosted server must work offline: no web fonts or code-generation services from outside.
            options.WithTitle("Workdesk API reference").WithOpenApiRoutePattern("/openapi/{documentName}.json");
            options.DefaultFonts = false;
            options.HideClientButton = true;
        });
        if (WebAppFiles.HasWebApp(app.Environment))
        {
            app.MapFallback(WebAppFiles.ServeIndex).ExcludeFromDescription();
        }
        else
        {
            app.MapGet("/", HomePage.Render).ExcludeFromDescription();
        }

        app.MapGet("/health", () => Results.Ok(new { status = "ok" })).ExcludeFromDescription();

        var api = app.MapGroup("/api/v1");
        api.MapAuthEndpoints();
        api.MapWorkOrderEndpoints();
        Features.Workflows.WorkflowEndpoints.MapWorkflowEndpoints(api);
        Features.Procedures.ProcedureTemplateEndpoints.MapProcedureTemplateEndpoints(api);
        Features.Procedures.WorkOrderProcedureEndpoints.MapWorkOrderProcedureEndpoints(api);
        Features.Approvals.ApprovalEndpoints.MapApprovalEndpoints(api);
        Features.Workflows.PriorityMatrixEndpoints.MapPriorityMatrixEndpoints(api);
        Features.Configuration.ConfigEndpoints.MapConfigEndpoints(api);
        api.MapRequestEndpoints();
        api.MapLocationEndpoints();
        api.MapAssetEndpoints();
        api.MapAssetLifeEndpoints();
        api.MapAssetTypeEndpoints();
        api.MapCobieEndpoints();
        api.MapAssetBulkEndpoints();
        Features.Meters.MeterEndpoints.MapMeterEndpoints(api);
        Features.Meters.SensorEndpoints.MapSensorEndpoints(api);
        Features.Schedules.DeviationEndpoints.MapDeviationEndpoints(api);
        Features.Schedules.ScheduleBulkEndpoints.MapScheduleBulkEndpoints(api);
        Features.Schedules.ScheduleEndpoints.MapScheduleEndpoints(api);
        Features.Schedules.ForecastEndpoints.MapForecastEndpoints(api);
        Features.Schedules.CalendarFeedEndpoints.MapCalendarFeedEndpoints(api);
        Features.Schedules.ComplianceEndpoints.MapComplianceEndpoints(api);
        api.MapServiceLevelEndpoints();
        api.MapEscalationEndpoints();
        api.MapNotificationEndpoints();
        api.MapEmailTemplateEndpoints();
        Features.Surveys.SurveyEndpoints.MapSurveyEndpoints(api);
        Features.Surveys.SatisfactionReport.MapSatisfactionReport(api);
        Features.Alerts.AlertEndpoints.MapAlertEndpoints(api);
        Features.Webhooks.WebhookEndpoints.MapWebhookEndpoints(api);
        api.MapLabelEndpoints();
        api.MapPeopleEndpoints();
        api.MapAttachmentEndpoints();
        api.MapPublicEndpoints();
        api.MapSavedViewEndpoints();
        api.MapBulkEndpoints();
        api.MapSystemEndpoints();
        Features.Import.ImportEndpoints.MapImportEndpoints(api);
        app.MapHub<LiveHub>(LiveHub.Path);
    }
}
