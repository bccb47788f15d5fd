namespace RefreshBot.Testing.Tokens;

/// <summary>One request the <see cref="TokenServer"/> answered (or refused).</summary>
/// <param name="User">Authenticated user, or null for anonymous.</param>
/// <param name="Scopes">Requested scopes, e.g. <c>repository:team/app:pull</c>.</param>
/// <param name="Granted">Whether a token was issued.</param>
public sealed record TokenRequest(string Method, string? User, IReadOnlyList<string> Scopes, string? Service, bool Granted);
