using System.Globalization;
using RefreshBot.Application.Evaluation.Ports;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// The arguments of one <c>docker build</c>: always <c>--pull</c>, <c>--force-rm</c>, <c>--iidfile</c> and the
/// <c>refreshbot.build</c> label; build args, platform, memory, CPU and network only from the request.
/// </summary>
internal static class BuildCommand
{
    public const string BuildLabel = "refreshbot.build";

    private const int CpuPeriodMicroseconds = 100_000;

    public static IReadOnlyList<string> Arguments(BuildRequest request, string buildId, string imageIdFile)
    {
        var context = Path.GetFullPath(request.ContextDirectory);
        var dockerfile = Path.GetFullPath(Path.Combine(context, request.Dockerfile));
        var arguments = new List<string>
        {
            "build", "--pull", "--force-rm", "--iidfile", imageIdFile, "--file", dockerfile,
        };
        foreach (var (name, value) in request.BuildArgs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (name.Length == 0 || name.Contains('=', StringComparison.Ordinal))
            {
                throw new ArgumentException($"invalid build arg name '{name}'", nameof(request));
            }

            // Always NAME=VALUE: a bare NAME would make the CLI copy the value from its own environment.
            arguments.Add("--build-arg");
            arguments.Add(name + "=" + value);
        }

        if (!string.IsNullOrEmpty(request.Platform))
        {
            arguments.Add("--platform");
            arguments.Add(request.Platform);
        }

        if (request.MemoryBytes is { } memory)
        {
            if (memory <= 0)
            {
                throw new ArgumentException("memory limit must be positive", nameof(request));
            }

            arguments.Add("--memory");
            arguments.Add(memory.ToString(CultureInfo.InvariantCulture));
        }

        if (request.Cpus is { } cpus)
        {
            if (!(cpus > 0))
            {
                throw new ArgumentException("cpu limit must be positive", nameof(request));
            }

            // The classic builder has no --cpus: the same limit as CFS quota per 100 ms period.
            arguments.Add("--cpu-period");
            arguments.Add(CpuPeriodMicroseconds.ToString(CultureInfo.InvariantCulture));
            arguments.Add("--cpu-quota");
            arguments.Add(((long)Math.Round(cpus * CpuPeriodMicroseconds)).ToString(CultureInfo.InvariantCulture));
        }

        if (!string.IsNullOrEmpty(request.Network))
        {
            arguments.Add("--network");
            arguments.Add(request.Network);
        }

        arguments.Add("--label");
        arguments.Add(BuildLabel + "=" + buildId);
        arguments.Add(context);
        return arguments;
    }
}
