using Workdesk.Domain.Workflows;
using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Tests;

public class WorkflowValidatorTests
{
    private static WorkflowDefinition Minimal(params WorkflowTransition[] extra) => new()
    {
        InitialStatus = "new",
        Statuses =
        [
            new("new", "New", WorkOrderStatus.Open),
            new("assigned", "Assigned", WorkOrderStatus.Assigned),
            new("done", "Done", WorkOrderStatus.Completed),
        ],
        Transitions =
        [
            new() { From = "new", To = "assigned" },
            new() { From = "assigned", To = "done" },
            .. extra,
        ],
    };

    [Fact]
    public void BuiltInWorkflows_AreValid()
    {
        foreach (var (key, _) in BuiltInWorkflows.Types)
        {
            Assert.Empty(WorkflowValidator.Validate(BuiltInWorkflows.Create(key)));
        }
    }

    [Fact]
    public void BuiltInWorkflow_MatchesFixedLifecycle()
    {
        var workflow = BuiltInWorkflows.Create(WorkOrderTypes.Preventive);

        foreach (var from in Enum.GetValues<WorkOrderStatus>())
        {
            var expected = WorkOrderLifecycle.NextStatuses(from).Select(StatusNames.ToApi).Order();
            Assert.Equal(expected, workflow.TransitionsFrom(StatusNames.ToApi(from)).Select(t => t.To).Order());
        }
    }

    [Fact]
    public void Minimal_IsValid()
    {
        Assert.Empty(WorkflowValidator.Validate(Minimal()));
    }

    [Fact]
    public void InitialStatus_MustBeOpenCategory()
    {
        var problems = WorkflowValidator.Validate(Minimal() with { InitialStatus = "assigned" });

        Assert.Contains(problems, p => p.Contains("must have category open", StringComparison.Ordinal));
    }

    [Fact]
    public void Transition_SelfLoopAndDuplicate_AreReported()
    {
        var problems = WorkflowValidator.Validate(Minimal(new() { From = "new", To = "new" }, new() { From = "new", To = "assigned" }));

        Assert.Contains(problems, p => p.Contains("same status", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Transition_EmptyRolesWithoutAssignee_IsReported()
    {
        var workflow = Minimal() with
        {
            Transitions = [new() { From = "new", To = "assigned" }, new() { From = "assigned", To = "done", Roles = [] }],
        };

        var problems = WorkflowValidator.Validate(workflow);

        Assert.Contains(problems, p => p.Contains("no one could perform it", StringComparison.Ordinal));
    }

    [Fact]
    public void ResolveStatusKey_StaleKeyFallsBackToCategory()
    {
        var workflow = Minimal();

        Assert.Equal("assigned", workflow.ResolveStatusKey("new", WorkOrderStatus.Assigned));
        Assert.Equal("new", workflow.ResolveStatusKey(null, WorkOrderStatus.Open));
        Assert.Equal("done", workflow.ResolveStatusKey("done", WorkOrderStatus.Completed));
    }
}
