using System.Net;
using System.Net.Http.Headers;
using Workdesk.Domain.Maintenance;
using Workdesk.Domain.People;
using Workdesk.Domain.Procedures;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Assets;
using Workdesk.Server.Features.Meters;
using Workdesk.Server.Features.Places;
using Workdesk.Server.Features.Procedures;
using Workdesk.Server.Features.WorkOrders;
using Workdesk.Server.Tests.Support;

namespace Workdesk.Server.Tests;

/// <summary>Procedure templates, each work order's copy, recorded results, limits and follow-up work.</summary>
public abstract class ProcedureTests(WorkdeskApp app)
{
    // The smallest valid PNG: a 1x1 transparent pixel, standing in for a photo or a drawn signature.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private sealed record Ward(TestUser Admin, TestUser Technician, LocationResponse Room, AssetTypeResponse PumpType, AssetResponse Pump, ProcedureTemplateResponse Template);

    private static string Tag(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// An infusion pump on a ward, and an electrical safety inspection attached to inspections of
    /// infusion pumps. Earth leakage is required, limited to 500 µA and opens a follow-up when above.
    /// </summary>
    private async Task<Ward> CreateWardAsync()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);
        var room = await admin.LocationAsync("Ward 3 " + Tag("r"));
        var typeResponse = await admin.Client.PostJsonAsync("/api/v1/asset-types", new { name = "Infusion pump " + Tag("t") });
        await typeResponse.ShouldBeAsync(HttpStatusCode.Created);
        var pumpType = await typeResponse.ReadAsync<AssetTypeResponse>();
        var assetResponse = await admin.Client.PostJsonAsync("/api/v1/assets", new { tag = Tag("IP"), name = "Infusion pump bed 4", assetTypeId = pumpType.Id, locationId = room.Id });
        await assetResponse.ShouldBeAsync(HttpStatusCode.Created);
        var pump = await assetResponse.ReadAsync<AssetResponse>();
        var template = await CreateTemplateAsync(admin, new
        {
            name = "Electrical safety inspection " + Tag("p"),
            sections = new object[]
            {
                new
                {
                    title = "Visual",
                    steps = new object[]
                    {
                        new { key = "casing", label = "Casing and mains cable intact", kind = "pass_fail", required = true },
                        new { key = "label", label = "Safety label legible", kind = "check" },
                    },
                },
                new
                {
                    title = "Measurements",
                    steps = new object[]
                    {
                        new { key = "earth_leakage", label = "Earth leakage current", kind = "number", unit = "µA", max = 500, required = true, followUpOnFailure = true },
                        new { key = "run_hours", label = "Running hours", kind = "meter", unit = "h" },
                    },
                },
                new
                {
                    title = "Sign-off",
                    steps = new object[]
                    {
                        new { key = "photo", label = "Photo of the test set-up", kind = "photo" },
                        new { key = "signature", label = "Technician signature", kind = "signature" },
                        new { key = "result", label = "Overall result", kind = "choice", options = new[] { "fit", "unfit" } },
                        new { key = "remarks", label = "Remarks", kind = "text" },
                    },
                },
            },
            attachTo = new object[] { new { workOrderType = "inspection", assetTypeId = pumpType.Id } },
        });
        return new Ward(admin, technician, room, pumpType, pump, template);
    }

    private static async Task<ProcedureTemplateResponse> CreateTemplateAsync(TestUser admin, object body)
    {
        var response = await admin.Client.PostJsonAsync("/api/v1/procedure-templates", body);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<ProcedureTemplateResponse>();
    }

    private static async Task<WorkOrderResponse> InspectionAsync(Ward ward) =>
        await ward.Admin.WorkOrderAsync(new
        {
            title = "Electrical safety inspection " + ward.Pump.Tag,
            type = "inspection",
            assetId = ward.Pump.Id,
            locationId = ward.Room.Id,
            assigneeUserIds = new[] { ward.Technician.Id },
        });

    private static async Task<List<WorkOrderProcedureResponse>> ProceduresAsync(TestUser user, long workOrderId)
    {
        var response = await user.Client.GetAsync($"/api/v1/work-orders/{workOrderId}/procedures");
        await response.ShouldBeAsync(HttpStatusCode.OK);
        return await response.ReadAsync<List<WorkOrderProcedureResponse>>();
    }

    private static Task<HttpResponseMessage> RecordAsync(TestUser user, long workOrderId, long procedureId, string step, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/work-orders/{workOrderId}/procedures/{procedureId}/steps/{step}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, body.GetType(), options: HttpExtensions.Json),
        };
        return user.Client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> MoveAsync(TestUser user, long id, object body)
    {
        var current = await user.Client.GetAsync($"/api/v1/work-orders/{id}");
        return await user.Client.PostJsonAsync($"/api/v1/work-orders/{id}/status", body, ifMatch: current.ETag());
    }

    private static async Task<long> UploadImageAsync(TestUser user, long workOrderId, string name)
    {
        using var form = new MultipartFormDataContent();
        var image = new ByteArrayContent(Png);
        image.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(image, "file", name);
        var response = await user.Client.PostAsync($"/api/v1/work-orders/{workOrderId}/attachments", form);
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return (await response.ReadObjectAsync())["id"]!.GetValue<long>();
    }

    private static async Task<MeterResponse> MeterAsync(TestUser admin, long assetId, string name, bool cumulative)
    {
        var response = await admin.Client.PostJsonAsync($"/api/v1/assets/{assetId}/meters", new { name, kind = "running_hours", unit = "h", isCumulative = cumulative });
        await response.ShouldBeAsync(HttpStatusCode.Created);
        return await response.ReadAsync<MeterResponse>();
    }

    private static async Task<List<ReadingResponse>> ReadingsAsync(TestUser user, long meterId) =>
        await (await user.Client.GetAsync($"/api/v1/meters/{meterId}/readings")).ReadAsync<List<ReadingResponse>>();

    [Fact]
    public async Task MeterStep_StoresReadingOnAssetMeter()
    {
        var ward = await CreateWardAsync();
        var hours = await MeterAsync(ward.Admin, ward.Pump.Id, "RUNNING HOURS", cumulative: true);
        var inspection = await InspectionAsync(ward);
        var procedure = Assert.Single(await ProceduresAsync(ward.Technician, inspection.Id));

        var first = await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "run_hours", new { value = 1250.5 });
        var again = await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "run_hours", new { value = 1250.5, note = "Read twice" });
        var readings = await ReadingsAsync(ward.Admin, hours.Id);

        await first.ShouldBeAsync(HttpStatusCode.OK);
        await again.ShouldBeAsync(HttpStatusCode.OK);
        var reading = Assert.Single(readings);
        Assert.Equal(1250.5, reading.Value);
        Assert.Equal(ReadingSource.Procedure, reading.Source);
        var recorded = Assert.Single((await ProceduresAsync(ward.Technician, inspection.Id))[0].Results, r => r.StepKey == "run_hours");
        Assert.Equal("Read twice", recorded.Note);
        var history = await (await ward.Admin.Client.GetAsync($"/api/v1/work-orders/{inspection.Id}/history")).ReadAsync<List<ActivityResponse>>();
        Assert.Single(history, h => h.Action == "meter_reading_recorded");
    }

    [Fact]
    public async Task MeterStep_LowerCumulativeValue_FailsStep()
    {
        var ward = await CreateWardAsync();
        var hours = await MeterAsync(ward.Admin, ward.Pump.Id, "Running hours", cumulative: true);
        await (await ward.Admin.Client.PostJsonAsync($"/api/v1/meters/{hours.Id}/readings", new { value = 1500 })).ShouldBeAsync(HttpStatusCode.Created);
        var inspection = await InspectionAsync(ward);
        var procedure = Assert.Single(await ProceduresAsync(ward.Technician, inspection.Id));

        var lower = await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "run_hours", new { value = 1400 });

        await lower.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problem = await lower.ReadObjectAsync();
        var detail = problem["errors"]!["value"]![0]!.GetValue<string>();
        Assert.Contains("'Running hours' was not recorded", detail, StringComparison.Ordinal);
        Assert.Contains("meter 'Running hours'", detail, StringComparison.Ordinal);
        Assert.DoesNotContain((await ProceduresAsync(ward.Technician, inspection.Id))[0].Results, r => r.StepKey == "run_hours");
        var reading = Assert.Single(await ReadingsAsync(ward.Admin, hours.Id));
        Assert.Equal(ReadingSource.Manual, reading.Source);
        var history = await (await ward.Admin.Client.GetAsync($"/api/v1/work-orders/{inspection.Id}/history")).ReadAsync<List<ActivityResponse>>();
        Assert.DoesNotContain(history, h => h.Action is "step_recorded" or "meter_reading_recorded");
    }

    [Fact]
    public async Task MeterStep_NamedMeter_OnlyThatMeterRead()
    {
        var ward = await CreateWardAsync();
        var fuel = await MeterAsync(ward.Admin, ward.Pump.Id, "Fuel", cumulative: false);
        var pumpHours = await MeterAsync(ward.Admin, ward.Pump.Id, "Pump hours", cumulative: true);
        var template = await CreateTemplateAsync(ward.Admin, new
        {
            name = "Pump hours check " + Tag("p"),
            sections = new object[]
            {
                new { title = "Meters", steps = new object[] { new { key = "hours", label = "Hours shown on the display", kind = "meter", unit = "h", meter = "pump HOURS" } } },
            },
            attachTo = new object[] { new { assetId = ward.Pump.Id, workOrderType = "preventive" } },
        });
        var inspection = await InspectionAsync(ward);
        var inspectionProcedure = Assert.Single(await ProceduresAsync(ward.Technician, inspection.Id));
        var service = await ward.Admin.WorkOrderAsync(new { title = "Pump service", type = "preventive", assetId = ward.Pump.Id, assigneeUserIds = new[] { ward.Technician.Id } });
        var serviceProcedure = Assert.Single(await ProceduresAsync(ward.Technician, service.Id));

        var unmatched = await RecordAsync(ward.Technician, inspection.Id, inspectionProcedure.Id, "run_hours", new { value = 30 });
        var named = await RecordAsync(ward.Technician, service.Id, serviceProcedure.Id, "hours", new { value = 812 });

        await unmatched.ShouldBeAsync(HttpStatusCode.OK);
        await named.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(template.Id, serviceProcedure.TemplateId);
        Assert.Empty(await ReadingsAsync(ward.Admin, fuel.Id));
        var reading = Assert.Single(await ReadingsAsync(ward.Admin, pumpHours.Id));
        Assert.Equal(812, reading.Value);
    }

    [Fact]
    public async Task InfusionPump_NeedsEarthLeakageToComplete()
    {
        var ward = await CreateWardAsync();
        var inspection = await InspectionAsync(ward);
        var procedure = Assert.Single(await ProceduresAsync(ward.Technician, inspection.Id));
        await (await MoveAsync(ward.Technician, inspection.Id, new { status = "in_progress" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "casing", new { value = "pass" })).ShouldBeAsync(HttpStatusCode.OK);

        var blocked = await MoveAsync(ward.Technician, inspection.Id, new { status = "completed" });
        var stillOpen = await (await ward.Technician.Client.GetAsync($"/api/v1/work-orders/{inspection.Id}")).ReadAsync<WorkOrderResponse>();
        await (await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "earth_leakage", new { value = 120 })).ShouldBeAsync(HttpStatusCode.OK);
        var completed = await MoveAsync(ward.Technician, inspection.Id, new { status = "completed" });

        Assert.Equal(ward.Template.Id, procedure.TemplateId);
        Assert.Equal(["Measurements", "Sign-off", "Visual"], procedure.Sections.Select(s => s.Title).Order());
        await blocked.ShouldBeAsync(HttpStatusCode.Conflict);
        var detail = (await blocked.ReadObjectAsync())["detail"]!.GetValue<string>();
        Assert.Contains("Measurements › Earth leakage current", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Casing", detail, StringComparison.Ordinal);
        Assert.Equal(WorkOrderStatus.InProgress, stillOpen.Status);
        await completed.ShouldBeAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InfusionPump_HighLeakageFailsAndOpensFollowUp()
    {
        var ward = await CreateWardAsync();
        var inspection = await InspectionAsync(ward);
        var procedure = Assert.Single(await ProceduresAsync(ward.Technician, inspection.Id));

        var recorded = await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "earth_leakage", new { value = 730.5, note = "Measured twice" });
        var again = await RecordAsync(ward.Technician, inspection.Id, procedure.Id, "earth_leakage", new { value = 810 });

        await recorded.ShouldBeAsync(HttpStatusCode.OK);
        var result = Assert.Single((await recorded.ReadAsync<WorkOrderProcedureResponse>()).Results);
        Assert.Equal(StepOutcome.Failed, result.Outcome);
        Assert.Equal(730.5m, result.Value!.Value.GetDecimal());
        Assert.Equal(ward.Technician.Id, result.RecordedById);
        var followUpId = Assert.IsType<long>(result.FollowUpWorkOrderId);
        var followUp = await (await ward.Admin.Client.GetAsync($"/api/v1/work-orders/{followUpId}")).ReadAsync<WorkOrderResponse>();
        Assert.Equal(WorkOrderTypes.Corrective, followUp.Type);
        Assert.Equal(ward.Pump.Id, followUp.AssetId);
        Assert.Equal(ward.Room.Id, followUp.LocationId);
        Assert.Equal(inspection.Id, followUp.ParentId);
        Assert.Equal(Priority.High, followUp.Priority);
        Assert.Contains("730.5 µA", followUp.Description, StringComparison.Ordinal);
        Assert.Contains("at most 500 µA", followUp.Description, StringComparison.Ordinal);
        Assert.Empty(await ProceduresAsync(ward.Admin, followUpId));
        await again.ShouldBeAsync(HttpStatusCode.OK);
        Assert.Equal(followUpId, Assert.Single((await again.ReadAsync<WorkOrderProcedureResponse>()).Results).FollowUpWorkOrderId);
        var children = await (await ward.Admin.Client.GetAsync($"/api/v1/work-orders?parentId={inspection.Id}")).ReadObjectAsync();
        Assert.Equal(1, children["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Steps_EachKindJudgedAndRejected()
    {
        var ward = await CreateWardAsync();
        var inspection = await InspectionAsync(ward);
        var id = inspection.Id;
        var procedureId = Assert.Single(await ProceduresAsync(ward.Technician, id)).Id;
        var photoId = await UploadImageAsync(ward.Technician, id, "setup.png");
        var signatureId = await UploadImageAsync(ward.Technician, id, "signature.png");
        (string Step, object Body)[] invalid =
        [
            ("casing", new { value = "maybe" }), ("label", new { value = false }), ("earth_leakage", new { value = "low" }),
            ("run_hours", new { value = "many" }), ("result", new { value = "ok" }), ("remarks", new { value = "  " }),
            ("photo", new { }), ("signature", new { attachmentId = signatureId }), ("remarks", new { value = "x", attachmentId = photoId }),
            ("photo", new { attachmentId = 99_999_999 }),
        ];

        foreach (var (step, body) in invalid)
        {
            var response = await RecordAsync(ward.Technician, id, procedureId, step, body);
            await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        }

        var unknownStep = await RecordAsync(ward.Technician, id, procedureId, "nope", new { value = true });
        var unknownProcedure = await RecordAsync(ward.Technician, id, 99_999_999, "label", new { value = true });
        await (await RecordAsync(ward.Technician, id, procedureId, "casing", new { value = "flag" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, id, procedureId, "label", new { value = true })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, id, procedureId, "earth_leakage", new { value = 500 })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, id, procedureId, "run_hours", new { value = 10234 })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, id, procedureId, "result", new { value = "fit" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, id, procedureId, "remarks", new { value = "Filter replaced" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, id, procedureId, "photo", new { attachmentId = photoId })).ShouldBeAsync(HttpStatusCode.OK);
        var signed = await RecordAsync(ward.Technician, id, procedureId, "signature", new { attachmentId = signatureId, signerName = "Dana Reyes" });

        await unknownStep.ShouldBeAsync(HttpStatusCode.NotFound);
        await unknownProcedure.ShouldBeAsync(HttpStatusCode.NotFound);
        await signed.ShouldBeAsync(HttpStatusCode.OK);
        var results = (await signed.ReadAsync<WorkOrderProcedureResponse>()).Results.ToDictionary(r => r.StepKey);
        Assert.Equal(8, results.Count);
        Assert.Equal(StepOutcome.Flagged, results["casing"].Outcome);
        Assert.Equal(StepOutcome.Passed, results["earth_leakage"].Outcome);
        Assert.Null(results["earth_leakage"].FollowUpWorkOrderId);
        Assert.Equal(StepOutcome.Done, results["label"].Outcome);
        Assert.Equal("Dana Reyes", results["signature"].SignerName);
        Assert.Equal(signatureId, results["signature"].AttachmentId);
        Assert.NotEqual(default, results["signature"].RecordedAt);
        var history = await (await ward.Admin.Client.GetAsync($"/api/v1/work-orders/{id}/history")).ReadAsync<List<ActivityResponse>>();
        Assert.Equal(8, history.Count(h => h.Action == "step_recorded"));
    }

    [Fact]
    public async Task TemplateChange_LeavesExistingCopies()
    {
        var ward = await CreateWardAsync();
        var before = await InspectionAsync(ward);
        var current = await ward.Admin.Client.GetAsync($"/api/v1/procedure-templates/{ward.Template.Id}");
        var changed = new
        {
            name = ward.Template.Name,
            sections = new object[] { new { title = "Quick check", steps = new object[] { new { key = "power_on", label = "Powers on", kind = "check", required = true } } } },
            attachTo = new object[] { new { workOrderType = "inspection", assetTypeId = ward.PumpType.Id } },
        };

        var stale = await ward.Admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/procedure-templates/{ward.Template.Id}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(changed, options: HttpExtensions.Json),
            Headers = { { "If-Match", "\"1-999\"" } },
        });
        var updated = await ward.Admin.Client.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"/api/v1/procedure-templates/{ward.Template.Id}")
        {
            Content = System.Net.Http.Json.JsonContent.Create(changed, options: HttpExtensions.Json),
            Headers = { { "If-Match", current.ETag() } },
        });
        var after = await InspectionAsync(ward);

        await stale.ShouldBeAsync(HttpStatusCode.PreconditionFailed);
        await updated.ShouldBeAsync(HttpStatusCode.OK);
        var oldCopy = Assert.Single(await ProceduresAsync(ward.Admin, before.Id));
        var newCopy = Assert.Single(await ProceduresAsync(ward.Admin, after.Id));
        Assert.Contains(oldCopy.Sections, s => s.Title == "Measurements");
        Assert.Equal("Quick check", Assert.Single(newCopy.Sections).Title);
        Assert.True(newCopy.TemplateVersion > oldCopy.TemplateVersion);
    }

    [Fact]
    public async Task Links_MatchTypeAssetTypeAndAsset()
    {
        var ward = await CreateWardAsync();
        var byAsset = await CreateTemplateAsync(ward.Admin, new
        {
            name = "Pump bed 4 extra " + Tag("p"),
            sections = new object[] { new { title = "Extra", steps = new object[] { new { key = "alarm", label = "Alarm sounds", kind = "check" } } } },
            attachTo = new object[] { new { assetId = ward.Pump.Id } },
        });

        var corrective = await ward.Admin.WorkOrderAsync(new { title = "Pump alarm fault", assetId = ward.Pump.Id, locationId = ward.Room.Id });
        var inspection = await InspectionAsync(ward);
        var unrelated = await ward.Admin.WorkOrderAsync(new { title = "Unrelated inspection", type = "inspection", locationId = ward.Room.Id });

        Assert.Equal([byAsset.Id], (await ProceduresAsync(ward.Admin, corrective.Id)).Select(p => p.TemplateId));
        Assert.Equal([ward.Template.Id, byAsset.Id], (await ProceduresAsync(ward.Admin, inspection.Id)).Select(p => p.TemplateId));
        Assert.Empty(await ProceduresAsync(ward.Admin, unrelated.Id));
    }

    [Fact]
    public async Task Template_InvalidStepsAreListed()
    {
        var admin = await app.CreateAdminAsync();
        var technician = await app.CreateUserAsync(Role.Technician);
        var body = new
        {
            name = "Broken " + Tag("p"),
            sections = new object[]
            {
                new
                {
                    title = "Only",
                    steps = new object[]
                    {
                        new { key = "a", label = "A", kind = "number", min = 5, max = 1 },
                        new { key = "a", label = "A again", kind = "check", unit = "V" },
                        new { key = "c", label = "C", kind = "choice" },
                        new { key = "d", label = "D", kind = "text", followUpOnFailure = true },
                        new { key = "e", label = "E", kind = "number", meter = "Run hours" },
                    },
                },
            },
            attachTo = new object[] { new { }, new { workOrderType = "no_such_type" }, new { assetId = 99_999_999 } },
        };

        var response = await admin.Client.PostJsonAsync("/api/v1/procedure-templates", body);
        var forbidden = await technician.Client.PostJsonAsync("/api/v1/procedure-templates", body);

        await response.ShouldBeAsync(HttpStatusCode.BadRequest);
        var problems = (await response.ReadObjectAsync())["errors"]!["sections"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Contains(problems, p => p.Contains("min 5 above max 1", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("appears more than once", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("unit and limits only", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("needs distinct, non-empty options", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("cannot open a follow-up", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Step 'e' may name a meter", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("needs a workOrderType, an assetTypeId or an assetId", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("no_such_type", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Asset 99999999 was not found", StringComparison.Ordinal));
        await forbidden.ShouldBeAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CompletedWorkOrder_RejectsNewResults()
    {
        var ward = await CreateWardAsync();
        var inspection = await InspectionAsync(ward);
        var procedureId = Assert.Single(await ProceduresAsync(ward.Technician, inspection.Id)).Id;
        await (await RecordAsync(ward.Technician, inspection.Id, procedureId, "casing", new { value = "pass" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await RecordAsync(ward.Technician, inspection.Id, procedureId, "earth_leakage", new { value = 90 })).ShouldBeAsync(HttpStatusCode.OK);
        await (await MoveAsync(ward.Technician, inspection.Id, new { status = "in_progress" })).ShouldBeAsync(HttpStatusCode.OK);
        await (await MoveAsync(ward.Technician, inspection.Id, new { status = "completed" })).ShouldBeAsync(HttpStatusCode.OK);

        var late = await RecordAsync(ward.Technician, inspection.Id, procedureId, "earth_leakage", new { value = 900 });

        await late.ShouldBeAsync(HttpStatusCode.Conflict);
    }
}

public sealed class ProcedureSqliteTests(SqliteApp app) : ProcedureTests(app), IClassFixture<SqliteApp>;

public sealed class ProcedurePostgresTests(PostgresApp app) : ProcedureTests(app), IClassFixture<PostgresApp>;
