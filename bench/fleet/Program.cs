using System.CommandLine;
using RefreshBot.FleetBench;

var repositories = new Option<int>("--repos") { Description = "Git repositories to generate (1–3 Dockerfiles each).", DefaultValueFactory = _ => 50 };
var images = new Option<int>("--images") { Description = "Synthetic image repositories to push (tags 1, 2, latest; even ones multi-platform).", DefaultValueFactory = _ => 12 };
var moves = new Option<int>("--move") { Description = "Tags to move after pinning (plus one index-churn tag).", DefaultValueFactory = _ => 4 };
var seed = new Option<int>("--seed") { Description = "Seed of the deterministic fleet generator.", DefaultValueFactory = _ => 2 };
var runs = new Option<int>("--runs") { Description = "Cold refreshbot check processes to measure.", DefaultValueFactory = _ => 2 };
var output = new Option<DirectoryInfo>("--out") { Description = "Folder for results (JSON + Markdown).", DefaultValueFactory = _ => new DirectoryInfo(FleetBenchmark.DefaultOutputFolder()) };
var keep = new Option<bool>("--keep") { Description = "Keep the generated fleet, config and raw reports." };
var refreshbot = new Option<FileInfo?>("--refreshbot") { Description = "refreshbot.dll to run (default: the Release build next to this benchmark)." };
var logLevel = new Option<string>("--log-level") { Description = "Log level for refreshbot (stderr is saved, not printed).", DefaultValueFactory = _ => "Warning" };

var cycleMoves = new Option<int>("--cycle-move") { Description = "Tags moved before the third run --once --dry-run cycle (the second moves nothing).", DefaultValueFactory = _ => 3 };
var renovate = new Option<bool>("--renovate") { Description = "Also run Renovate (npm renovate@39.264.1, --platform=local) on the same fleet and print the ratios." };
var renovateDir = new Option<DirectoryInfo>("--renovate-dir") { Description = "npm prefix for Renovate (installed there when missing).", DefaultValueFactory = _ => new DirectoryInfo(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "refreshbot-fleetbench", "renovate-39.264.1")) };
var renovateSample = new Option<int>("--renovate-sample") { Description = "Run Renovate one by one on the first N repositories only (0: all).", DefaultValueFactory = _ => 0 };

var root = new RootCommand("RefreshBot fleet benchmark: `refreshbot check` over generated git repositories against a local registry.")
{
    repositories, images, moves, seed, runs, output, keep, refreshbot, logLevel, renovate, renovateDir, renovateSample, cycleMoves,
};
root.SetAction((parsed, cancellationToken) => FleetBenchmark.RunAsync(
    new FleetOptions(
        parsed.GetValue(repositories),
        parsed.GetValue(images),
        parsed.GetValue(moves),
        parsed.GetValue(seed),
        parsed.GetValue(runs),
        parsed.GetValue(output)!,
        parsed.GetValue(keep),
        parsed.GetValue(refreshbot),
        parsed.GetValue(logLevel)!,
        parsed.GetValue(renovate),
        parsed.GetValue(renovateDir)!,
        parsed.GetValue(renovateSample),
        parsed.GetValue(cycleMoves)),
    Console.Out,
    cancellationToken));
return await root.Parse(args).InvokeAsync();
