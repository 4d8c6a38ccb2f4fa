using Workdesk.Domain.Common;

namespace Workdesk.Server.Infrastructure;

/// <summary>Turns expected failures into RFC 9457 problem details responses.</summary>
public static class Problems
{
    public static IResult ToProblem(this Error error)
    {
        if (error.Kind == ErrorKind.Invalid && error.Field is not null)
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { [error.Field] = [error.Message] },
                detail: error.Message,
                title: "The request is invalid.");
        }

        var (status, title) = error.Kind switch
        {
            ErrorKind.Invalid => (StatusCodes.Status400BadRequest, "The request is invalid."),
            ErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found."),
            ErrorKind.Conflict => (StatusCodes.Status409Conflict, "The request conflicts with the record's current state."),
            ErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden."),
            ErrorKind.PreconditionFailed => (StatusCodes.Status412PreconditionFailed, "The record has changed since it was read."),
        };

        var extensions = error.Field is null ? null : new Dictionary<string, object?> { ["field"] = error.Field };
        return Results.Problem(detail: error.Message, statusCode: status, title: title, extensions: extensions);
    }

    /// <summary>Returns the mapped problem for a failed result, or the success mapping.</summary>
    public static IResult Match<T>(this Result<T> result, Func<T, IResult> onSuccess) =>
        result.IsSuccess ? onSuccess(result.Value!) : result.Error!.ToProblem();

    public static IResult Invalid(string field, string message) => Error.Invalid(field, message).ToProblem();
}
