using Workdesk.Domain.WorkOrders;

namespace Workdesk.Domain.Tests;

public class WorkOrderLifecycleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);

    private static WorkOrder InStatus(WorkOrderStatus status) => new() { Title = "Test", Status = status };

    [Theory]
    [InlineData(WorkOrderStatus.Open, WorkOrderStatus.InProgress)]
    [InlineData(WorkOrderStatus.Open, WorkOrderStatus.Cancelled)]
    [InlineData(WorkOrderStatus.Assigned, WorkOrderStatus.InProgress)]
    [InlineData(WorkOrderStatus.InProgress, WorkOrderStatus.Completed)]
    [InlineData(WorkOrderStatus.OnHold, WorkOrderStatus.InProgress)]
    [InlineData(WorkOrderStatus.Completed, WorkOrderStatus.Closed)]
    [InlineData(WorkOrderStatus.Closed, WorkOrderStatus.Reopened)]
    [InlineData(WorkOrderStatus.Reopened, WorkOrderStatus.InProgress)]
    public void Transition_Allowed_ChangesStatus(WorkOrderStatus from, WorkOrderStatus to)
    {
        var workOrder = InStatus(from);

        var result = WorkOrderLifecycle.Transition(workOrder, to, "a reason", Now);

        Assert.True(result.IsSuccess);
        Assert.Equal(from, result.Value);
        Assert.Equal(to, workOrder.Status);
    }

    [Theory]
    [InlineData(WorkOrderStatus.Open, WorkOrderStatus.Closed)]
    [InlineData(WorkOrderStatus.Open, WorkOrderStatus.Completed)]
    [InlineData(WorkOrderStatus.Closed, WorkOrderStatus.InProgress)]
    [InlineData(WorkOrderStatus.Cancelled, WorkOrderStatus.Completed)]
    [InlineData(WorkOrderStatus.Completed, WorkOrderStatus.OnHold)]
    [InlineData(WorkOrderStatus.InProgress, WorkOrderStatus.InProgress)]
    public void Transition_Forbidden_KeepsStatus(WorkOrderStatus from, WorkOrderStatus to)
    {
        var workOrder = InStatus(from);

        var result = WorkOrderLifecycle.Transition(workOrder, to, "a reason", Now);

        Assert.False(result.IsSuccess);
        Assert.Equal(Common.ErrorKind.Conflict, result.Error!.Kind);
        Assert.Equal(from, workOrder.Status);
    }

    [Theory]
    [InlineData(WorkOrderStatus.OnHold)]
    [InlineData(WorkOrderStatus.Cancelled)]
    public void Transition_WithoutRequiredReason_IsInvalid(WorkOrderStatus to)
    {
        var workOrder = InStatus(WorkOrderStatus.InProgress);

        var result = WorkOrderLifecycle.Transition(workOrder, to, "  ", Now);

        Assert.Equal(Common.ErrorKind.Invalid, result.Error!.Kind);
        Assert.Equal("reason", result.Error.Field);
        Assert.Equal(WorkOrderStatus.InProgress, workOrder.Status);
    }

    [Fact]
    public void Transition_ToAssignedWithoutAssignee_IsInvalid()
    {
        var workOrder = InStatus(WorkOrderStatus.Open);

        var result = WorkOrderLifecycle.Transition(workOrder, WorkOrderStatus.Assigned, null, Now);

        Assert.False(result.IsSuccess);
        Assert.Equal(WorkOrderStatus.Open, workOrder.Status);
    }

    [Fact]
    public void Transition_SetsAndClearsTimestamps()
    {
        var workOrder = InStatus(WorkOrderStatus.Open);

        WorkOrderLifecycle.Transition(workOrder, WorkOrderStatus.InProgress, null, Now);
        WorkOrderLifecycle.Transition(workOrder, WorkOrderStatus.Completed, null, Now.AddHours(2));
        WorkOrderLifecycle.Transition(workOrder, WorkOrderStatus.Closed, null, Now.AddHours(3));
        var closedAt = workOrder.ClosedAt;
        WorkOrderLifecycle.Transition(workOrder, WorkOrderStatus.Reopened, "Still leaking", Now.AddHours(4));

        Assert.Equal(Now, workOrder.StartedAt);
        Assert.Equal(Now.AddHours(3), closedAt);
        Assert.Null(workOrder.CompletedAt);
        Assert.Null(workOrder.ClosedAt);
        Assert.Equal("Still leaking", workOrder.StatusReason);
    }

    [Fact]
    public void EveryStatus_HasApiNameThatParsesBack()
    {
        foreach (var status in Enum.GetValues<WorkOrderStatus>())
        {
            Assert.True(StatusNames.TryParse(StatusNames.ToApi(status), out WorkOrderStatus parsed));
            Assert.Equal(status, parsed);
        }
    }
}
