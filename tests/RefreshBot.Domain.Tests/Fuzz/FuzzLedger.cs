using System.Globalization;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// Appends "inputs fuzzed (count, time)" per target to <c>REFRESHBOT_FUZZ_LEDGER</c> when that variable names a file
/// (tab separated: target, count, seconds, MB the hungriest case allocated or '-'), for the README's table; otherwise the test output alone carries it.
/// </summary>
public static class FuzzLedger
{
    private static readonly Lock Gate = new();

    public static void Record(string target, int count, TimeSpan elapsed, long? mostAllocatedBytes = null)
    {
        var file = Environment.GetEnvironmentVariable("REFRESHBOT_FUZZ_LEDGER");
        if (string.IsNullOrEmpty(file))
        {
            return;
        }

        lock (Gate)
        {
            File.AppendAllText(file, FormattableString.Invariant($"{target}\t{count}\t{elapsed.TotalSeconds:0.00}\t{(mostAllocatedBytes is { } b ? (b / 1024.0 / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) : "-")}\n"));
        }
    }
}
