using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;
using RefreshBot.FleetBench.Fleet;
using RefreshBot.FleetBench.Images;
using RefreshBot.FleetBench.Measurement;
using RefreshBot.FleetBench.Results;
using RefreshBot.FleetBench.Validation;
using RefreshBot.Testing.Images;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.FleetBench;

/// <summary>
/// The fleet benchmark: a real distribution registry behind a counting proxy, synthetic images, a generated
/// fleet of git repositories pinned against them, some tags moved afterwards, then cold <c>refreshbot check</c>
/// processes measured (wall, CPU, peak RSS, requests) and their JSON reports validated against the fleet.
/// </summary>
public static class FleetBenchmark
{
    private static readonly JsonSerializerOptions ResultJson = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(FleetOptions options, TextWriter console, CancellationToken cancellationToken)
    {
        if (options.Repositories < 1 || options.Images < 1 || options.Moves < 0 || options.Runs < 1)
        {
            await console.WriteLineAsync("--repos, --images and --runs must be at least 1; --move at least 0");
            return 2;
        }

        var refreshbot = options.Refreshbot?.FullName ?? DefaultRefreshbot();
        if (refreshbot is null || !File.Exists(refreshbot))
        {
            await console.WriteLineAsync($"refreshbot.dll not found ({refreshbot ?? "no RefreshBot.sln above " + AppContext.BaseDirectory}): "
                + "run `dotnet build -c Release src/RefreshBot.Host` or pass --refreshbot PATH");
            return 2;
        }

        if (!refreshbot.Contains("/Release/", StringComparison.Ordinal))
        {
            await console.WriteLineAsync($"Warning: measuring {refreshbot}, not a Release build (use dotnet run -c Release)");
        }

        var work = Directory.CreateTempSubdirectory("refreshbot-fleetbench-").FullName;
        try
        {
            var result = await MeasureAsync(options, refreshbot, work, console, cancellationToken);
            var markdown = MarkdownReport.Render(result);
            await console.WriteLineAsync();
            await console.WriteLineAsync(markdown);
            options.OutputFolder.Create();
            var stem = Path.Combine(options.OutputFolder.FullName, $"fleet-{options.Repositories}-{result.At:yyyyMMdd-HHmmss}");
            await File.WriteAllTextAsync(stem + ".json", JsonSerializer.Serialize(result, ResultJson), cancellationToken);
            await File.WriteAllTextAsync(stem + ".md", markdown, cancellationToken);
            await console.WriteLineAsync($"Results: {stem}.json, {stem}.md");
            return result.Passed ? 0 : 1;
        }
        finally
        {
            if (options.Keep)
            {
                await console.WriteLineAsync($"Kept: {work} (fleet/, refreshbot.yaml, run-N.json, run-N.stderr.txt)");
            }
            else
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary><c>bench/fleet/results</c> of the checkout this benchmark was built from, else <c>./results</c>.</summary>
    public static string DefaultOutputFolder() =>
        CheckoutRoot() is { } root ? Path.Combine(root, "bench", "fleet", "results") : Path.GetFullPath("results");

    /// <summary>
    /// The build of <c>src/RefreshBot.Host</c> in its own output folder, in this benchmark's configuration (building
    /// the benchmark builds it; measure Release). Not the copy next to the benchmark: that folder's dependencies are
    /// resolved for the benchmark (which uses the ASP.NET shared framework), not for <c>refreshbot</c>.
    /// </summary>
    private static string? DefaultRefreshbot()
    {
        // AppContext.BaseDirectory is …/bench/fleet/bin/<configuration>/<tfm>/
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent?.Name ?? "Release";
        return CheckoutRoot() is { } root
            ? Path.Combine(root, "src", "RefreshBot.Host", "bin", configuration, output.Name, "refreshbot.dll")
            : null;
    }

    private static string? CheckoutRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "RefreshBot.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static async Task<BenchmarkResult> MeasureAsync(
        FleetOptions options, string refreshbot, string work, TextWriter console, CancellationToken cancellationToken)
    {
        await using var registry = await RegistryServer.StartAsync(cancellationToken: cancellationToken);
        await using var proxy = await CountingProxy.StartAsync(registry.BaseUri, cancellationToken);
        using var pusher = new ImagePusher(registry.BaseUri);
        await console.WriteLineAsync($"Registry {registry.Host}, counting proxy {proxy.Host}; work folder {work}");

        var stopwatch = Stopwatch.StartNew();
        var catalog = await ImageCatalog.PushAsync(pusher, options.Images, options.Moves, options.Seed, cancellationToken);
        var pushSeconds = Lap(stopwatch);
        await console.WriteLineAsync(Inv($"Pushed {catalog.Tags.Count} image:tags in {pushSeconds:F1} s"));

        var fleet = await new FleetGenerator(catalog, proxy.Host, options.Seed)
            .GenerateAsync(Path.Combine(work, "fleet"), options.Repositories, cancellationToken);
        var generateSeconds = Lap(stopwatch);
        await console.WriteLineAsync(Inv($"Generated {fleet.Repositories.Count} git repositories, {fleet.Dockerfiles.Count} Dockerfiles, {fleet.Images.Count} references in {generateSeconds:F1} s"));

        await catalog.MoveAsync(pusher, cancellationToken);
        var moveSeconds = Lap(stopwatch);
        var config = await WriteConfigAsync(work, proxy.Host, cancellationToken);

        var empty = Directory.CreateDirectory(Path.Combine(work, "empty")).FullName;
        var startup = await CheckProcess.RunAsync(
            refreshbot, ["check", empty, "--format", "json", "--config", config, "--log-level", options.LogLevel, "--no-cache"], work, TimeSpan.FromMinutes(5), cancellationToken);
        var baseline = new StartupBaseline(startup.WallSeconds, startup.CpuSeconds, startup.PeakRssMegabytes);
        await console.WriteLineAsync(Inv($"Baseline (check of an empty folder): exit {startup.ExitCode}, wall {baseline.WallSeconds:F2} s, CPU {baseline.CpuSeconds:F2} s, peak RSS {baseline.PeakRssMegabytes:F1} MB"));

        // Every run is a cold process; they share one manifest cache folder, empty before run 1,
        // so run 1 shows a first check and later runs show a repeated check over an unchanged fleet.
        var cache = Path.Combine(work, "manifest-cache");
        var runs = new List<RunResult>();
        for (var number = 1; number <= options.Runs; number++)
        {
            proxy.ResetCounts();
            string[] arguments = ["check", fleet.Root, "--format", "json", "--config", config, "--log-level", options.LogLevel, "--cache-dir", cache];
            var measurement = await CheckProcess.RunAsync(refreshbot, arguments, work, TimeSpan.FromMinutes(30), cancellationToken);
            var requests = RequestTally.From(proxy.Requests, catalog);
            await File.WriteAllTextAsync(Path.Combine(work, $"run-{number}.json"), measurement.Stdout, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(work, $"run-{number}.stderr.txt"), measurement.Stderr, cancellationToken);
            var validation = ReportValidator.Validate(measurement.Stdout, fleet);
            var run = new RunResult(
                number, measurement.ExitCode, measurement.WallSeconds, measurement.UserSeconds, measurement.SystemSeconds,
                measurement.CpuSeconds, measurement.PeakRssMegabytes, requests, validation.StatusCounts, validation.IndexChurnFlagged,
                validation.MismatchCount, validation.Mismatches.Take(20).ToList(),
                requests.TagHeads == fleet.UniqueImageTags && requests.ImageTagsLookedUp == fleet.UniqueImageTags && requests.MaxTagHeadsPerImageTag == 1);
            runs.Add(run);
            await console.WriteLineAsync(Inv(
                $"Run {number}: exit {run.ExitCode}, wall {run.WallSeconds:F2} s, CPU {run.CpuSeconds:F2} s, peak RSS {run.PeakRssMegabytes:F1} MB, {requests.Total} requests, {run.Mismatches} mismatches"));
            if (measurement.ExitCode != 0)
            {
                await console.WriteLineAsync("refreshbot stderr:\n" + measurement.Stderr);
            }
        }

        // Cycles share the data folder and manifest cache: the first clones, the second fetches an unchanged fleet,
        // the third fetches after --cycle-move more tags moved (the repositories' commits never change).
        var cycle = await RunCycleAsync("first", refreshbot, fleet, catalog, proxy, work, options.LogLevel, console, cancellationToken);
        var later = new List<CycleResult> { await RunCycleAsync("second", refreshbot, fleet, catalog, proxy, work, options.LogLevel, console, cancellationToken) };
        if (options.CycleMoves > 0)
        {
            var moved = await catalog.MoveMoreAsync(pusher, options.CycleMoves, cancellationToken);
            await console.WriteLineAsync($"Moved {moved.Count} more tags: {string.Join(", ", moved.Select(t => t.Name))}");
            later.Add(await RunCycleAsync("moved", refreshbot, fleet, catalog, proxy, work, options.LogLevel, console, cancellationToken));
        }

        var renovate = options.Renovate
            ? await RenovatePhase.RunAsync(options.RenovateFolder.FullName, fleet, catalog, proxy, work, options.RenovateSample, console, cancellationToken)
            : null;
        return new BenchmarkResult(DateTimeOffset.UtcNow, Machine(), Shape(options, catalog, fleet), new SetupTimes(pushSeconds, generateSeconds, moveSeconds), runs, proxy.MaxConcurrent, baseline, cycle, later, renovate);
    }

    private static async Task<CycleResult> RunCycleAsync(
        string label, string refreshbot, GeneratedFleet fleet, ImageCatalog catalog, CountingProxy proxy, string work, string logLevel,
        TextWriter console, CancellationToken cancellationToken)
    {
        var cycle = await CyclePhase.RunAsync(label, refreshbot, fleet, catalog, proxy, work, logLevel, cancellationToken);
        await console.WriteLineAsync(Inv(
            $"Cycle {label} (run --once --dry-run): exit {cycle.ExitCode}, wall {cycle.WallSeconds:F2} s, CPU {cycle.CpuSeconds:F2} s, peak RSS {cycle.PeakRssMegabytes:F1} MB, {cycle.Requests.Total} requests, git {cycle.GitClones} clones / {cycle.GitFetches} fetches"));
        if (cycle.ExitCode != 0)
        {
            await console.WriteLineAsync("refreshbot run output (tail):\n" + cycle.FailureTail);
        }

        return cycle;
    }

    private static async Task<string> WriteConfigAsync(string work, string host, CancellationToken cancellationToken)
    {
        // The proxy is on 127.0.0.1 (plain HTTP is allowed for loopback anyway); marking it insecure makes the
        // config correct for a non-loopback proxy host too. Concurrency is left at the client's default.
        var path = Path.Combine(work, "refreshbot.yaml");
        await File.WriteAllTextAsync(path, $"""
            # generated by bench/fleet
            registries:
              - host: "{host}"
                insecure: true
            defaults:
              platform: linux/amd64
              buildArgs:
                {FleetGenerator.RegistryArg}: "{host}"

            """, cancellationToken);
        return path;
    }

    private static FleetShape Shape(FleetOptions options, ImageCatalog catalog, GeneratedFleet fleet)
    {
        var verdicts = fleet.Images.Select(i => i.Expect()).ToList();
        return new FleetShape(
            options.Seed,
            fleet.Repositories.Count,
            fleet.Dockerfiles.Count,
            fleet.IgnoredDockerfiles.Count,
            fleet.Images.Count,
            options.Images,
            catalog.Tags.Count,
            fleet.UniqueImageTags,
            catalog.Moved.Select(t => t.Name).ToList(),
            catalog.Churned.Name,
            CountBy(fleet.Images, i => i.Instruction),
            CountBy(fleet.Images, i => i.Form.ToString()),
            CountBy(fleet.Images, i => i.Pin.ToString()),
            CountBy(fleet.Images, i => i.Platform.ToString()),
            CountBy(verdicts, v => v.Status),
            verdicts.Count(v => v.IndexOnly));
    }

    private static SortedDictionary<string, int> CountBy<T>(IEnumerable<T> items, Func<T, string> key) =>
        new(items.GroupBy(key).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);

    private static MachineInfo Machine() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024));

    private static double Lap(Stopwatch stopwatch)
    {
        var seconds = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        return seconds;
    }

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
