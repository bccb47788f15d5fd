namespace RefreshBot.Domain.Dockerfiles.Extraction;

/// <summary>Finds the <c>from=</c> field of a <c>RUN --mount=</c> value (comma-separated, CSV quoting).</summary>
internal static class MountFromField
{
    /// <summary>The unquoted value and its offset inside <paramref name="mount"/>, or null when the mount has no from field.</summary>
    public static (string Value, int Offset, bool Literal)? Find(string mount)
    {
        var pos = 0;
        while (pos <= mount.Length)
        {
            var fieldStart = pos;
            string field;
            var literal = true;
            int contentOffset;
            if (pos < mount.Length && mount[pos] == '"')
            {
                var builder = new System.Text.StringBuilder();
                pos++;
                contentOffset = pos;
                while (pos < mount.Length)
                {
                    if (mount[pos] == '"')
                    {
                        if (pos + 1 < mount.Length && mount[pos + 1] == '"')
                        {
                            builder.Append('"');
                            literal = false;
                            pos += 2;
                            continue;
                        }

                        pos++;
                        break;
                    }

                    builder.Append(mount[pos++]);
                }

                field = builder.ToString();
                while (pos < mount.Length && mount[pos] != ',')
                {
                    pos++;
                    literal = false;
                }
            }
            else
            {
                contentOffset = fieldStart;
                var comma = mount.IndexOf(',', pos);
                var end = comma < 0 ? mount.Length : comma;
                field = mount[pos..end];
                pos = end;
            }

            var eq = field.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && string.Equals(field[..eq].Trim(), "from", StringComparison.OrdinalIgnoreCase))
            {
                return (field[(eq + 1)..], contentOffset + eq + 1, literal);
            }

            pos++;
        }

        return null;
    }
}
