namespace RefreshBot.Testing.OpenApi;

/// <summary>A JSON body that does not match GitHub's OpenAPI description.</summary>
/// <param name="Operation">e.g. <c>GET /repos/{owner}/{repo}/pulls</c>.</param>
/// <param name="Errors">Instance location → message, from the JSON Schema evaluation.</param>
public sealed record OpenApiViolation(string Operation, int Status, IReadOnlyList<string> Errors)
{
    public override string ToString() => $"{Operation} {Status}: {string.Join("; ", Errors.Take(10))}";
}

/// <summary>Thrown (and recorded) when the fake GitHub is about to serve a body GitHub never would.</summary>
public sealed class OpenApiViolationException(OpenApiViolation violation) : Exception("Body does not match GitHub's OpenAPI description: " + violation)
{
    public OpenApiViolation Violation { get; } = violation;
}
