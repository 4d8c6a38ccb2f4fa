namespace Workdesk.Domain.Common;

/// <summary>Row version used for optimistic concurrency; every update increments it.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
