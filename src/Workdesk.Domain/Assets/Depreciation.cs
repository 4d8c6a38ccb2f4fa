namespace Workdesk.Domain.Assets;

/// <summary>An asset's straight-line book value and remaining life on a given day.</summary>
public sealed record DepreciationState(decimal BookValue, decimal DepreciationPerYear, double RemainingLifeYears);

public static class Depreciation
{
    /// <summary>
    /// Computes straight-line depreciation to a residual value of zero from the install date over
    /// the expected life. Returns null when cost, install date or expected life is missing.
    /// </summary>
    public static DepreciationState? StraightLine(decimal? cost, DateOnly? installDate, int? expectedLifeYears, DateOnly today)
    {
        if (cost is not { } purchase || installDate is not { } installed || expectedLifeYears is not { } life || life <= 0)
        {
            return null;
        }

        var perYear = decimal.Round(purchase / life, 2);
        var ageYears = Math.Max(0, today.DayNumber - installed.DayNumber) / 365.25;
        var remaining = Math.Max(0, life - ageYears);
        var bookValue = decimal.Round(purchase * (decimal)(remaining / life), 2);
        return new DepreciationState(bookValue, perYear, Math.Round(remaining, 2));
    }
}
