namespace RefreshBot.Domain.Dockerfiles.Extraction;

/// <summary>A global ARG's value: from a build arg override, from its default, or unset (null).</summary>
/// <param name="DefaultSpan">Source span of the default's text when that text is literally the value (so it can be rewritten); otherwise null.</param>
internal sealed record ArgValue(string Name, string? Value, int Line, SourceSpan? DefaultSpan, bool FromBuildArg);
