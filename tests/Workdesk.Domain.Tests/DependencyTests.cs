namespace Workdesk.Domain.Tests;

public class DependencyTests
{
    [Fact]
    public void Domain_ReferencesNoWebOrDataFramework()
    {
        var references = typeof(WorkOrders.WorkOrder).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, name => name.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal));
    }
}
