namespace RefreshBot.Adapters.Docker;

/// <summary>
/// Splits a text stream into lines (on <c>\n</c> and <c>\r</c>) without ever holding more than
/// <c>maxChars</c> of one line: the rest of an overlong line is read and dropped, and the line is marked cut.
/// </summary>
internal static class CappedLineReader
{
    public static async Task ReadAsync(TextReader reader, int maxChars, Action<string, bool> onLine, CancellationToken cancellationToken)
    {
        var buffer = new char[4096];
        var line = new System.Text.StringBuilder();
        var cut = false;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                var c = buffer[i];
                if (c is '\n' or '\r')
                {
                    if (line.Length > 0 || cut)
                    {
                        onLine(line.ToString(), cut);
                    }

                    line.Clear();
                    cut = false;
                }
                else if (line.Length < maxChars)
                {
                    line.Append(c);
                }
                else
                {
                    cut = true;
                }
            }
        }

        if (line.Length > 0 || cut)
        {
            onLine(line.ToString(), cut);
        }
    }
}
