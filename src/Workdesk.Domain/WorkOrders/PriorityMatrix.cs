namespace Workdesk.Domain.WorkOrders;

/// <summary>How urgent the work is, or how widely it affects people, for the priority matrix.</summary>
public enum Level
{
    Low,
    Medium,
    High,
}

/// <summary>One cell of the urgency by impact matrix that an administrator set.</summary>
public sealed class PriorityMatrixCell
{
    public long Id { get; set; }

    public Level Urgency { get; set; }

    public Level Impact { get; set; }

    public Priority Priority { get; set; }
}

/// <summary>The matrix every installation starts with; stored cells override it one by one.</summary>
public static class PriorityMatrix
{
    public static Priority Default(Level urgency, Level impact) => (urgency, impact) switch
    {
        (Level.High, Level.High) => Priority.Urgent,
        (Level.High, Level.Medium) or (Level.Medium, Level.High) => Priority.High,
        (Level.High, Level.Low) or (Level.Low, Level.High) or (Level.Medium, Level.Medium) => Priority.Medium,
        _ => Priority.Low,
    };
}
