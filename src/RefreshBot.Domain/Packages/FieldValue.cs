namespace RefreshBot.Domain.Packages;

/// <summary>Checks a value kept from a package database: bounded and free of control characters.</summary>
internal static class FieldValue
{
    /// <summary>The trimmed value, or null with a reason when it is empty, too long or binary.</summary>
    public static string? Accept(ReadOnlySpan<char> raw, int maxLength, out string? reason)
    {
        var value = raw.Trim();
        reason = null;
        if (value.IsEmpty)
        {
            return null;
        }

        if (value.Length > maxLength)
        {
            reason = $"value longer than {maxLength} characters";
            return null;
        }

        foreach (var c in value)
        {
            if (char.IsControl(c) || c == '\uFFFD')
            {
                reason = "value contains control or undecodable characters";
                return null;
            }
        }

        return value.ToString();
    }
}
