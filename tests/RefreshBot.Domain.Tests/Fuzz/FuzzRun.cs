using System.Diagnostics;
using CsCheck;
using Xunit.Abstractions;

namespace RefreshBot.Domain.Tests.Fuzz;

/// <summary>
/// Runs a property over <c>iterations</c> inputs drawn from a CsCheck generator, deterministically: case <c>i</c> is
/// generated from <c>new PCG(1, seed + i)</c>, so a failure names the exact seed that reproduces it. Each case runs
/// under a hang detector (<see cref="HangLimit"/>, generous: not a speed assertion) that fails the test when exceeded.
/// <c>REFRESHBOT_FUZZ_SCALE</c> (an integer, default 1) multiplies the iteration count for longer local runs.
/// Memory is bounded too: for synchronous properties the bytes a case allocates (on its thread) must stay under
/// <see cref="MaxAllocatedPerCase"/> — an upper bound of what it could hold at once; exponential expansion would blow it.
/// Reports "inputs fuzzed (count, time, most bytes one case allocated)" for the target on the test output.
/// </summary>
public static class FuzzRun
{
    /// <summary>How long one case may run before it counts as a hang.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(30);

    /// <summary>Most bytes one synchronous case may allocate (inputs are at most a few MB).</summary>
    public const long MaxAllocatedPerCase = 256L * 1024 * 1024;

    private const int MaxShownInput = 600;

    public static int Scale =>
        int.TryParse(Environment.GetEnvironmentVariable("REFRESHBOT_FUZZ_SCALE"), out var scale) && scale > 0 ? scale : 1;

    public static void Check<T>(ITestOutputHelper output, string target, Gen<T> gen, ulong seed, int iterations, Action<T> property, Func<T, string>? show = null)
    {
        long most = 0; // cases run one after another
        CheckAsync(output, target, gen, seed, iterations, (input, _) =>
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            property(input);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated > MaxAllocatedPerCase)
            {
                throw new InvalidOperationException($"allocated {allocated / (1024 * 1024)} MB (more than {MaxAllocatedPerCase / (1024 * 1024)} MB): memory is not bounded");
            }

            most = Math.Max(most, allocated);
            return Task.CompletedTask;
        }, show, () => most).GetAwaiter().GetResult();
    }

    /// <summary>The property gets a token cancelled at <see cref="HangLimit"/>; the case fails if it has not finished shortly after.</summary>
    public static async Task CheckAsync<T>(
        ITestOutputHelper output, string target, Gen<T> gen, ulong seed, int iterations, Func<T, CancellationToken, Task> property, Func<T, string>? show = null,
        Func<long>? mostAllocated = null)
    {
        var total = iterations * Scale;
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < total; i++)
        {
            var caseSeed = seed + (ulong)i;
            var input = gen.Generate(new PCG(1, caseSeed), null, out _);
            using var timeout = new CancellationTokenSource(HangLimit);
            var run = Task.Run(() => property(input, timeout.Token));
            var finished = await Task.WhenAny(run, Task.Delay(HangLimit + TimeSpan.FromSeconds(1))) == run;
            if (!finished)
            {
                throw new FuzzFailure($"{target}: case {i} (seed {caseSeed}) did not finish within {HangLimit.TotalSeconds} s (hang)\ninput: {Show(input, show)}");
            }

            if (run.Exception?.InnerException is { } failure)
            {
                throw new FuzzFailure($"{target}: case {i} (seed {caseSeed}) failed: {failure.GetType().Name}: {failure.Message}\ninput: {Show(input, show)}", failure);
            }
        }

        watch.Stop();
        var most = mostAllocated?.Invoke();
        output.WriteLine($"inputs fuzzed: {target}: {total} in {watch.Elapsed.TotalSeconds:0.00} s (seed {seed})"
            + (most is { } bytes ? $", at most {bytes / 1024.0 / 1024.0:0.0} MB allocated by one case" : ""));
        FuzzLedger.Record(target, total, watch.Elapsed, most);
    }

    private static string Show<T>(T input, Func<T, string>? show)
    {
        var text = show is not null ? show(input) : input switch
        {
            string s => System.Text.Json.JsonSerializer.Serialize(s),
            byte[] b => Convert.ToBase64String(b),
            _ => input?.ToString() ?? "(null)",
        };
        return text.Length <= MaxShownInput ? text : text[..MaxShownInput] + $"… ({text.Length} chars)";
    }
}

/// <summary>A fuzzed property failed or hung; the message names the target, case and seed.</summary>
public sealed class FuzzFailure(string message, Exception? inner = null) : Exception(message, inner);
