using System.Text.Json;
using RefreshBot.Domain.Platforms;
using RefreshBot.Domain.References;
using RefreshBot.Testing.Proxy;
using RefreshBot.Testing.Registry;

namespace RefreshBot.Integration.Tests.Cli;

/// <summary>
/// <c>refreshbot check</c> as a new user runs it: a folder of git repositories whose Dockerfiles use pinned
/// (current and stale), unpinned, ARG-built, multi-stage, COPY --from, RUN --mount from and --platform references,
/// against a real distribution registry (behind a counting proxy).
/// </summary>
public sealed class CheckFleetTests : RegistryFleetTest
{
    private static readonly Platform Amd64 = Platform.LinuxAmd64;
    private static readonly Platform Arm64 = new("linux", "arm64");

    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("refreshbot-cache-");

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _cache.Delete(recursive: true);
    }

    [Fact]
    public async Task Reports_every_status_with_the_right_digests_within_the_request_budget()
    {
        var node = await Registry.Pusher.PushIndexAsync("team/node", "22", [Amd64, Arm64]);
        var baseOld = await Registry.Pusher.PushIndexAsync("team/base", "1", [Amd64, Arm64]);
        var baseNew = await Registry.Pusher.PushIndexAsync("team/base", "1", [Amd64, Arm64]);
        var runtimeOld = await Registry.Pusher.PushIndexAsync("team/runtime", "2", [Amd64, Arm64]);
        var runtimeNew = await Registry.Pusher.PushIndexChurnAsync("team/runtime", "2", runtimeOld, keep: Amd64);
        var sdkOld = await Registry.Pusher.PushIndexAsync("team/sdk", "8", [Amd64, Arm64]);
        var sdkNew = await Registry.Pusher.PushIndexAsync("team/sdk", "8", [Amd64, Arm64]);
        var tools = await Registry.Pusher.PushImageAsync("team/tools", "latest");
        var registry = Registry.Host;

        Fleet.Repository(
            "api",
            ("Dockerfile", $$"""
                # syntax=docker/dockerfile:1
                ARG REGISTRY=localhost:5000
                ARG NODE_VERSION=20
                FROM ${REGISTRY}/team/node:${NODE_VERSION} AS deps
                FROM {{registry}}/team/base:1@{{baseOld.Digest}} AS build
                COPY --from=deps /app /app
                FROM ${REGISTRY}/team/runtime:2@{{runtimeOld.Digest}}
                ARG REGISTRY
                COPY --from=${REGISTRY}/team/tools:latest@{{tools.Digest}} /bin/tool /usr/local/bin/tool
                COPY --from=build /app /app

                """),
            (".gitignore", "build/\n"),
            ("build/Dockerfile", $"FROM {registry}/team/ignored:1\n"),
            ("web/node_modules/pkg/Dockerfile", $"FROM {registry}/team/ignored:2\n"));
        Fleet.Repository(
            "worker",
            ("services/worker/Containerfile", $$"""
                ARG REGISTRY=localhost:5000
                FROM --platform=linux/arm64 ${REGISTRY}/team/runtime:2@{{runtimeOld.Digest}} AS arm
                FROM ${REGISTRY}/team/sdk:8@{{sdkOld.For(Amd64).Digest}} AS build
                ARG REGISTRY
                RUN --mount=type=bind,from=${REGISTRY}/team/tools:latest,target=/t /t/tool

                """));
        Fleet.Repository(
            "web",
            ("Dockerfile.prod", $$"""
                ARG BASE_IMAGE={{registry}}/team/base:1
                FROM ${BASE_IMAGE} AS base
                FROM {{registry}}/team/base@{{baseNew.Digest}} AS digest-only
                FROM {{registry}}/team/missing:1 AS missing
                FROM {{registry}}/Team/Upper:1 AS invalid
                FROM {{registry}}/team/tools AS untagged
                FROM scratch

                """));
        var config = Fleet.Write("refreshbot.yaml", $"""
            defaults:
              platform: linux/amd64
              buildArgs:
                REGISTRY: {registry}
                NODE_VERSION: "22"
            """);

        var run = await CliRun.InProcessAsync("check", Fleet.Root, "--cache-dir", _cache.FullName, "--config", config, "--format", "json", "--log-level", "Warning");

        Assert.True(run.ExitCode == 0, run.ToString());
        var paths = run.Json().GetProperty("dockerfiles").EnumerateArray().Select(d => d.GetProperty("path").GetString()).ToList();
        Assert.Equal(["api/Dockerfile", "web/Dockerfile.prod", "worker/services/worker/Containerfile"], paths);

        // ARG-built, unpinned multi-arch tag: the index digest.
        AssertImage(run.Image("api/Dockerfile", 4), "FROM", "deps", $"{registry}/team/node:22", $"{registry}/team/node", "22", "linux/amd64",
            "unpinned", pinned: null, current: node.Digest);
        // Stale pin to an index: compared with the current index; the platform's manifest is reported too.
        var baseStale = run.Image("api/Dockerfile", 5);
        AssertImage(baseStale, "FROM", "build", $"{registry}/team/base:1@{baseOld.Digest}", $"{registry}/team/base", "1", "linux/amd64",
            "outdated", pinned: baseOld.Digest, current: baseNew.Digest);
        Assert.Equal(baseNew.For(Amd64).Digest.ToString(), baseStale.GetProperty("platformDigest").GetString());
        // Index churn: the index moved, its linux/amd64 manifest did not.
        var churn = run.Image("api/Dockerfile", 7);
        AssertImage(churn, "FROM", null, $"{registry}/team/runtime:2@{runtimeOld.Digest}", $"{registry}/team/runtime", "2", "linux/amd64",
            "up-to-date", pinned: runtimeOld.Digest, current: runtimeNew.Digest);
        Assert.True(churn.GetProperty("indexOnly").GetBoolean());
        Assert.Contains("index churn", churn.GetProperty("reason").GetString());
        Assert.Equal(runtimeOld.For(Amd64).Digest.ToString(), churn.GetProperty("platformDigest").GetString());
        // COPY --from an image pinned to its current (single-platform) digest.
        AssertImage(run.Image("api/Dockerfile", 9), "COPY", null, $"{registry}/team/tools:latest@{tools.Digest}", $"{registry}/team/tools", "latest", "linux/amd64",
            "up-to-date", pinned: tools.Digest, current: tools.Digest);

        // --platform=linux/arm64: the same churned index is outdated for arm64.
        const string worker = "worker/services/worker/Containerfile";
        var arm = run.Image(worker, 2);
        AssertImage(arm, "FROM", "arm", $"{registry}/team/runtime:2@{runtimeOld.Digest}", $"{registry}/team/runtime", "2", "linux/arm64",
            "outdated", pinned: runtimeOld.Digest, current: runtimeNew.Digest);
        Assert.False(arm.GetProperty("indexOnly").GetBoolean());
        Assert.Equal(runtimeNew.For(Arm64).Digest.ToString(), arm.GetProperty("platformDigest").GetString());
        // Stale pin to a platform manifest: compared with that platform's manifest now (like with like).
        AssertImage(run.Image(worker, 3), "FROM", "build", $"{registry}/team/sdk:8@{sdkOld.For(Amd64).Digest}", $"{registry}/team/sdk", "8", "linux/amd64",
            "outdated", pinned: sdkOld.For(Amd64).Digest, current: sdkNew.For(Amd64).Digest);
        // RUN --mount from an unpinned single-platform image.
        AssertImage(run.Image(worker, 5), "RUN", "build", $"{registry}/team/tools:latest", $"{registry}/team/tools", "latest", "linux/amd64",
            "unpinned", pinned: null, current: tools.Digest);

        // A reference from an ARG default is reported at the ARG's line; its platform manifest is known
        // because the check fetched that index for api/Dockerfile anyway.
        var fromArg = run.Image("web/Dockerfile.prod", 1);
        AssertImage(fromArg, "FROM", "base", $"{registry}/team/base:1", $"{registry}/team/base", "1", "linux/amd64",
            "unpinned", pinned: null, current: baseNew.Digest);
        Assert.Equal(baseNew.For(Amd64).Digest.ToString(), fromArg.GetProperty("platformDigest").GetString());
        var digestOnly = run.Image("web/Dockerfile.prod", 3);
        Assert.Equal("skipped", digestOnly.GetProperty("status").GetString());
        Assert.Equal("pinned by digest only: no tag to follow", digestOnly.GetProperty("reason").GetString());
        Assert.Equal(baseNew.Digest.ToString(), digestOnly.GetProperty("pinnedDigest").GetString());
        var missing = run.Image("web/Dockerfile.prod", 4);
        Assert.Equal("error", missing.GetProperty("status").GetString());
        Assert.Contains("not found", missing.GetProperty("reason").GetString());
        Assert.Contains(registry, missing.GetProperty("reason").GetString());
        Assert.Contains("team/missing", missing.GetProperty("reason").GetString());
        var invalid = run.Image("web/Dockerfile.prod", 5);
        Assert.Equal("error", invalid.GetProperty("status").GetString());
        Assert.StartsWith("web/Dockerfile.prod:5: invalid image reference", invalid.GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, invalid.GetProperty("image").ValueKind);
        // No tag and no digest follows `latest`, as Docker does, and shares the team/tools:latest lookup.
        AssertImage(run.Image("web/Dockerfile.prod", 6), "FROM", "untagged", $"{registry}/team/tools", $"{registry}/team/tools", "latest", "linux/amd64",
            "unpinned", pinned: null, current: tools.Digest);

        var summary = run.Json().GetProperty("summary");
        Assert.Equal(3, summary.GetProperty("outdated").GetInt32());
        Assert.Equal(4, summary.GetProperty("unpinned").GetInt32());

        // Budget: one HEAD per unique image:tag across every Dockerfile, one HEAD per stale pin,
        // one GET per index digest the decisions needed; nothing else.
        var heads = Registry.Proxy.Requests.Where(r => r.Kind == RequestKind.HeadManifest).Select(r => r.PathAndQuery).ToList();
        var tagHeads = heads.Where(p => !p.Contains("/manifests/sha256:", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            ["/v2/team/base/manifests/1", "/v2/team/missing/manifests/1", "/v2/team/node/manifests/22", "/v2/team/runtime/manifests/2",
             "/v2/team/sdk/manifests/8", "/v2/team/tools/manifests/latest"],
            tagHeads);
        Assert.Equal(3, heads.Count - tagHeads.Count); // base@old, runtime@old (shared by amd64 and arm64), sdk@old-amd64
        var gets = Registry.Proxy.Requests.Where(r => r.Kind == RequestKind.GetManifest).Select(r => r.PathAndQuery).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            new[]
            {
                $"/v2/team/base/manifests/{baseNew.Digest}", $"/v2/team/base/manifests/{baseOld.Digest}",
                $"/v2/team/runtime/manifests/{runtimeNew.Digest}", $"/v2/team/runtime/manifests/{runtimeOld.Digest}",
                $"/v2/team/sdk/manifests/{sdkNew.Digest}",
            }.Order(StringComparer.Ordinal),
            gets);
        Assert.Equal(heads.Count + gets.Count, Registry.Proxy.Total);
    }

    [Fact]
    public async Task Current_pins_cost_one_HEAD_per_tag_and_no_GET_and_a_moved_tag_shows_in_the_next_check()
    {
        var app = await Registry.Pusher.PushIndexAsync("team/app", "1", [Amd64, Arm64]);
        var lib = await Registry.Pusher.PushImageAsync("team/lib", "3");
        var registry = Registry.Host;
        for (var i = 0; i < 3; i++)
        {
            Fleet.Repository($"repo{i}", ("Dockerfile", $"""
                FROM {registry}/team/app:1@{app.Digest} AS build
                COPY --from={registry}/team/lib:3 /lib /lib
                FROM {registry}/team/app:1

                """));
        }

        var first = await CliRun.InProcessAsync("check", Fleet.Root, "--cache-dir", _cache.FullName, "--format", "json", "--log-level", "Warning");

        Assert.True(first.ExitCode == 0, first.ToString());
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal("up-to-date", first.Image($"repo{i}/Dockerfile", 1).GetProperty("status").GetString());
            Assert.Equal("unpinned", first.Image($"repo{i}/Dockerfile", 2).GetProperty("status").GetString());
            Assert.Equal(lib.Digest.ToString(), first.Image($"repo{i}/Dockerfile", 2).GetProperty("currentDigest").GetString());
            Assert.Equal(app.Digest.ToString(), first.Image($"repo{i}/Dockerfile", 3).GetProperty("currentDigest").GetString());
        }

        Assert.Equal(2, Registry.Proxy.Count(RequestKind.HeadManifest));
        Assert.Equal(0, Registry.Proxy.Count(RequestKind.GetManifest));
        Assert.Equal(2, Registry.Proxy.Total);

        var moved = await Registry.Pusher.PushIndexAsync("team/app", "1", [Amd64, Arm64]);
        Registry.Proxy.ResetCounts();
        var second = await CliRun.InProcessAsync("check", Fleet.Root, "--cache-dir", _cache.FullName, "--format", "json", "--log-level", "Warning");

        Assert.True(second.ExitCode == 0, second.ToString());
        var stale = second.Image("repo1/Dockerfile", 1);
        Assert.Equal("outdated", stale.GetProperty("status").GetString());
        Assert.Equal(app.Digest.ToString(), stale.GetProperty("pinnedDigest").GetString());
        Assert.Equal(moved.Digest.ToString(), stale.GetProperty("currentDigest").GetString());
        Assert.Equal(moved.Digest.ToString(), second.Image("repo2/Dockerfile", 3).GetProperty("currentDigest").GetString());
        Assert.Equal(1, Registry.Proxy.Requests.Count(r => r.Kind == RequestKind.HeadManifest && r.PathAndQuery == "/v2/team/app/manifests/1"));
    }

    [Fact]
    public async Task Table_is_aligned_and_ends_with_a_summary()
    {
        var app = await Registry.Pusher.PushImageAsync("team/app", "1");
        Fleet.Repository("one", ("Dockerfile", $"FROM {Registry.Host}/team/app:1@{app.Digest}\nFROM {Registry.Host}/team/app:1\n"));
        Fleet.Repository("two", ("api.Dockerfile", $"FROM {Registry.Host}/team/app:1@sha256:{new string('0', 64)}\n"));

        var run = await CliRun.InProcessAsync("check", Fleet.Root, "--cache-dir", _cache.FullName, "--log-level", "Warning");

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.StartsWith("LOCATION", lines[0]);
        var statusColumn = lines[0].IndexOf("STATUS", StringComparison.Ordinal);
        Assert.Equal(["up-to-date", "unpinned  ", "outdated  "], lines[1..4].Select(l => l.Substring(statusColumn, 10)));
        Assert.StartsWith("one/Dockerfile:1 ", lines[1]);
        Assert.StartsWith("two/api.Dockerfile:1 ", lines[3]);
        Assert.Contains("sha256:" + app.Digest.Encoded[..12], lines[3]);
        Assert.Equal("2 Dockerfile(s), 3 image reference(s): 1 outdated, 1 unpinned, 1 up-to-date, 0 skipped, 0 error(s)", lines[^1]);
    }

    private static void AssertImage(
        JsonElement image, string instruction, string? stage, string reference, string name, string tag, string platform,
        string status, Digest? pinned, Digest current)
    {
        Assert.Equal(instruction, image.GetProperty("instruction").GetString());
        Assert.Equal(stage, image.GetProperty("stage").GetString());
        Assert.Equal(reference, image.GetProperty("reference").GetString());
        Assert.Equal(name, image.GetProperty("image").GetString());
        Assert.Equal(tag, image.GetProperty("tag").GetString());
        Assert.Equal(platform, image.GetProperty("platform").GetString());
        Assert.Equal(status, image.GetProperty("status").GetString());
        Assert.Equal(pinned?.ToString(), image.GetProperty("pinnedDigest").GetString());
        Assert.Equal(current.ToString(), image.GetProperty("currentDigest").GetString());
        if (status is "up-to-date" or "outdated" or "unpinned" && !image.GetProperty("indexOnly").GetBoolean())
        {
            Assert.Equal(JsonValueKind.Null, image.GetProperty("reason").ValueKind);
        }
    }
}
