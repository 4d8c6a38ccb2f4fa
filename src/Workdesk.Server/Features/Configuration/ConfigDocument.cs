using Workdesk.Domain.Procedures;
using Workdesk.Domain.Workflows;
using Workdesk.Domain.WorkOrders;
using Workdesk.Server.Features.Workflows;

namespace Workdesk.Server.Features.Configuration;

/// <summary>
/// Every administrator-made setting of work: types with their current workflows and fields,
/// approval rules, procedure templates and the priority matrix. Records of another installation
/// are named by stable keys (type key, user email, location external id, asset type name, asset
/// tag), because database ids differ between installations.
/// </summary>
public sealed record ConfigDocument(
    string Format,
    int FormatVersion,
    DateTimeOffset ExportedAt,
    IReadOnlyList<ConfigWorkOrderType> WorkOrderTypes,
    IReadOnlyList<ConfigApprovalRule> ApprovalRules,
    IReadOnlyList<ConfigProcedureTemplate> ProcedureTemplates,
    IReadOnlyList<PriorityMatrixCellDto> PriorityMatrix)
{
    public const string FormatName = "workdesk-config";
    public const int CurrentFormatVersion = 1;
}

public sealed record ConfigWorkOrderType(string Key, string Name, WorkflowDefinition Workflow);

/// <summary>An approver step: a role, the location's manager, or a user named by email.</summary>
public sealed record ConfigApprovalStep(Domain.People.Role? Role = null, bool LocationManager = false, string? UserEmail = null);

public sealed record ConfigApprovalRule(
    string Name,
    bool IsActive,
    string? WorkOrderType,
    Priority? MinPriority,
    decimal? MinEstimatedCost,
    string? Currency,
    string? LocationExternalId,
    WorkOrderStatus GateStatus,
    IReadOnlyList<ConfigApprovalStep> Steps);

public sealed record ConfigProcedureLink(string? WorkOrderType = null, string? AssetTypeName = null, string? AssetTag = null);

public sealed record ConfigProcedureTemplate(string Name, string? Description, IReadOnlyList<ProcedureSection> Sections, IReadOnlyList<ConfigProcedureLink> AttachTo);

/// <summary>What importing a document would do to one record: create, update or nothing.</summary>
public sealed record ConfigChange(string Kind, string Name, string Action, string? Detail = null);

/// <summary>The changes an import would make; apply is rejected while problems are listed.</summary>
public sealed record ConfigPreview(IReadOnlyList<ConfigChange> Changes, IReadOnlyList<string> Problems);
