using System.Text;

namespace RefreshBot.Adapters.Registry.Auth;

/// <summary>
/// One <c>WWW-Authenticate</c> challenge (RFC 7235): a scheme and its parameters, e.g.
/// <c>Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/node:pull"</c>.
/// Pure value; <see cref="TryParse"/> never throws.
/// </summary>
public sealed record AuthChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public bool IsBearer => Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase);

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public string? Service => Parameters.GetValueOrDefault("service");

    public string? Scope => Parameters.GetValueOrDefault("scope");

    /// <summary>Parses one challenge; parameter names are case-insensitive, values may be quoted (with \-escapes) or tokens.</summary>
    public static bool TryParse(string? header, out AuthChallenge? challenge, out string? error)
    {
        challenge = null;
        var text = (header ?? "").Trim();
        var schemeEnd = 0;
        while (schemeEnd < text.Length && !char.IsWhiteSpace(text[schemeEnd]))
        {
            schemeEnd++;
        }

        var scheme = text[..schemeEnd];
        if (scheme.Length == 0 || scheme.Contains('=', StringComparison.Ordinal) || scheme.Contains(',', StringComparison.Ordinal))
        {
            error = "challenge has no auth scheme";
            return false;
        }

        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = schemeEnd;
        while (true)
        {
            i = SkipSeparators(text, i);
            if (i >= text.Length)
            {
                break;
            }

            var nameStart = i;
            while (i < text.Length && text[i] != '=' && text[i] != ',' && !char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            var name = text[nameStart..i];
            i = SkipSpaces(text, i);
            if (i >= text.Length || text[i] != '=')
            {
                error = $"parameter '{name}' has no value";
                return false;
            }

            i = SkipSpaces(text, i + 1);
            if (!TryReadValue(text, ref i, out var value))
            {
                error = $"parameter '{name}' has an unterminated quoted value";
                return false;
            }

            parameters[name] = value;
        }

        challenge = new AuthChallenge(scheme, parameters);
        error = null;
        return true;
    }

    private static bool TryReadValue(string text, ref int i, out string value)
    {
        if (i < text.Length && text[i] == '"')
        {
            var builder = new StringBuilder();
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                builder.Append(text[i]);
                i++;
            }

            value = builder.ToString();
            if (i >= text.Length)
            {
                return false;
            }

            i++;
            return true;
        }

        var start = i;
        while (i < text.Length && text[i] != ',' && !char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        value = text[start..i];
        return true;
    }

    private static int SkipSeparators(string text, int i)
    {
        while (i < text.Length && (text[i] == ',' || char.IsWhiteSpace(text[i])))
        {
            i++;
        }

        return i;
    }

    private static int SkipSpaces(string text, int i)
    {
        while (i < text.Length && char.IsWhiteSpace(text[i]))
        {
            i++;
        }

        return i;
    }
}
