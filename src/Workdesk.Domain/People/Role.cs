namespace Workdesk.Domain.People;

/// <summary>What a user may do; record-level visibility also depends on it.</summary>
public enum Role
{
    /// <summary>Configures the system and can read every record.</summary>
    Administrator,

    /// <summary>Manager or dispatcher: triages requests and assigns work within their sites.</summary>
    Dispatcher,

    /// <summary>Carries out work within their sites.</summary>
    Technician,

    /// <summary>Reports problems and can read only what they submitted.</summary>
    Requester,

    /// <summary>Outside contractor user, who can read only the work orders sent to their vendor.</summary>
    Vendor,
}

public static class RoleExtensions
{
    /// <summary>Returns whether the role belongs to the organisation's own staff.</summary>
    public static bool IsStaff(this Role role) =>
        role is Role.Administrator or Role.Dispatcher or Role.Technician;

    /// <summary>Returns whether the role may triage requests and edit any visible work order.</summary>
    public static bool CanDispatch(this Role role) => role is Role.Administrator or Role.Dispatcher;
}
