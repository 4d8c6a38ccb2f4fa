namespace Workdesk.Domain.Common;

/// <summary>Kind of an expected failure; the API maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    PreconditionFailed,
}

/// <summary>
/// An expected failure: which field is wrong (if any) and what the caller can do about it.
/// </summary>
public sealed record Error(ErrorKind Kind, string Message, string? Field = null)
{
    public static Error Invalid(string field, string message) => new(ErrorKind.Invalid, message, field);

    public static Error NotFound(string what, long id) => new(ErrorKind.NotFound, $"{what} {id} was not found.");

    public static Error Conflict(string message, string? field = null) => new(ErrorKind.Conflict, message, field);

    public static Error Forbidden(string message) => new(ErrorKind.Forbidden, message);
}

/// <summary>Either a value or the expected failure that prevented it.</summary>
public readonly record struct Result<T>
{
    private Result(T? value, Error? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);

    /// <summary>Wraps a value explicitly, for interface types that implicit conversions cannot take.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1000", Justification = "A factory on the generic type reads better at call sites than a separate helper class.")]
    public static Result<T> From(T value) => new(value, null);
}
