using RefreshBot.Domain.Platforms;
using RefreshBot.FleetBench.Images;

namespace RefreshBot.FleetBench.Fleet;

/// <summary>
/// Writes a deterministic fleet of git repositories (1–3 Dockerfiles each) whose references mix pinned and
/// unpinned tags, ARG-built FROMs (an ARG default, or a <c>${REGISTRY}</c> build arg set in the config),
/// multi-stage builds (<c>FROM build</c>, <c>COPY --from=build</c>), <c>COPY --from=&lt;image&gt;</c>,
/// <c>RUN --mount=type=bind,from=&lt;image&gt;</c> and <c>--platform=linux/arm64</c>. Repository 0 always pins the
/// churned tag (for amd64 and arm64) and repository 1 a moved tag, so every case is present at any size.
/// </summary>
public sealed class FleetGenerator(ImageCatalog catalog, string host, int seed)
{
    /// <summary>The build arg the generated config sets to the registry host.</summary>
    public const string RegistryArg = "REGISTRY";

    private static readonly string[] DockerfilePaths =
        ["Dockerfile", "services/api/Dockerfile", "deploy/worker.Dockerfile", "Containerfile", "docker/Dockerfile.prod"];

    public async Task<GeneratedFleet> GenerateAsync(string root, int repositories, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(root);
        var folders = new List<string>();
        var dockerfiles = new List<string>();
        var ignored = new List<string>();
        var images = new List<ExpectedImage>();
        for (var r = 0; r < repositories; r++)
        {
            var name = $"repo-{r:D4}";
            var folder = Path.Combine(root, name);
            folders.Add(folder);
            var random = new Random(unchecked((seed * 1_000_003) + r) & int.MaxValue);
            var count = random.Next(1, 4);
            var paths = DockerfilePaths.ToArray();
            random.Shuffle(paths.AsSpan(1));
            for (var f = 0; f < count; f++)
            {
                var builder = new DockerfileBuilder(name + "/" + paths[f]);
                WriteDockerfile(builder, random, Forced(r, f));
                await WriteAsync(root, builder.Path, builder.Text(), cancellationToken);
                dockerfiles.Add(builder.Path);
                images.AddRange(builder.Images);
            }

            if (random.NextDouble() < 0.15)
            {
                // A git-ignored folder with a Dockerfile the check must skip.
                await WriteAsync(root, name + "/.gitignore", "vendor/\n", cancellationToken);
                var path = name + "/vendor/lib/Dockerfile";
                await WriteAsync(root, path, $"FROM {host}/fleet/ignored:1\n", cancellationToken);
                ignored.Add(path);
            }
        }

        await Parallel.ForEachAsync(
            folders,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (folder, token) => await GitRepository.InitAndCommitAsync(folder, token));
        dockerfiles.Sort(StringComparer.Ordinal);
        return new GeneratedFleet(root, folders, dockerfiles, ignored, images);
    }

    private ForcedChoices Forced(int repository, int file)
    {
        if (file != 0)
        {
            return ForcedChoices.None;
        }

        if (repository == 0)
        {
            return new ForcedChoices(
                new Choice(catalog.Churned, PinKind.TagDigest, ImageCatalog.Amd64),
                new Choice(catalog.Churned, PinKind.TagDigest, ImageCatalog.Arm64));
        }

        return repository == 1 && catalog.Moved.Count > 0
            ? new ForcedChoices(new Choice(catalog.Moved[0], PinKind.TagDigest, ImageCatalog.Amd64), null)
            : ForcedChoices.None;
    }

    private void WriteDockerfile(DockerfileBuilder builder, Random random, ForcedChoices forced)
    {
        if (random.NextDouble() < 0.3)
        {
            builder.Line("# syntax=docker/dockerfile:1");
        }

        // Build stage: literal, ARG default, or ${REGISTRY} from the config's build args.
        var build = forced.Build ?? Pick(random, random.NextDouble() < 0.15 ? ImageCatalog.Arm64 : ImageCatalog.Amd64);
        var form = random.NextDouble() switch
        {
            < 0.3 => ReferenceForm.ArgDefault,
            < 0.5 => ReferenceForm.RegistryBuildArg,
            _ => ReferenceForm.Literal,
        };
        var argLine = 0;
        string fromText;
        switch (form)
        {
            case ReferenceForm.ArgDefault:
                argLine = builder.Line($"ARG BASE_IMAGE={Expected(builder, build, 0, "FROM", "build", form).Written(host)}");
                fromText = "${BASE_IMAGE}";
                break;
            case ReferenceForm.RegistryBuildArg:
                builder.Line($"ARG {RegistryArg}=localhost:5000");
                fromText = Expected(builder, build, 0, "FROM", "build", form).Written("${" + RegistryArg + "}");
                break;
            default:
                fromText = Expected(builder, build, 0, "FROM", "build", form).Written(host);
                break;
        }

        var fromLine = builder.Line($"FROM {PlatformFlag(build.Platform)}{fromText} AS build");
        builder.Expect(Expected(builder, build, form == ReferenceForm.ArgDefault ? argLine : fromLine, "FROM", "build", form));
        builder.Line("WORKDIR /src");
        if (random.NextDouble() < 0.4)
        {
            var tool = Pick(random, build.Platform);
            var text = Expected(builder, tool, 0, "RUN", "build", ReferenceForm.Literal).Written(host);
            var line = builder.Line($"RUN --mount=type=bind,from={text},target=/tools /tools/bin/generate");
            builder.Expect(Expected(builder, tool, line, "RUN", "build", ReferenceForm.Literal));
        }

        builder.Line("RUN make build");
        if (random.NextDouble() < 0.3)
        {
            builder.Line("");
            builder.Line("FROM build AS test");
            builder.Line("RUN make test");
        }

        // Final stage (unnamed).
        builder.Line("");
        var final = forced.Final ?? Pick(random, random.NextDouble() < 0.1 ? ImageCatalog.Arm64 : ImageCatalog.Amd64);
        var finalText = Expected(builder, final, 0, "FROM", null, ReferenceForm.Literal).Written(host);
        var finalLine = builder.Line($"FROM {PlatformFlag(final.Platform)}{finalText}");
        builder.Expect(Expected(builder, final, finalLine, "FROM", null, ReferenceForm.Literal));
        if (random.NextDouble() < 0.4)
        {
            var copied = Pick(random, final.Platform);
            var text = Expected(builder, copied, 0, "COPY", null, ReferenceForm.Literal).Written(host);
            var line = builder.Line($"COPY --from={text} /usr/bin/tool /usr/local/bin/tool");
            builder.Expect(Expected(builder, copied, line, "COPY", null, ReferenceForm.Literal));
        }

        builder.Line("COPY --from=build /src/out /app");
        builder.Line("CMD [\"/app/run\"]");
    }

    private Choice Pick(Random random, Platform platform)
    {
        // arm64 builds only use multi-platform tags (the single-platform images are linux/amd64).
        var candidates = platform == ImageCatalog.Amd64 ? catalog.Tags : catalog.MultiPlatform.ToList();
        var tag = candidates[random.Next(candidates.Count)];
        var pin = random.NextDouble() switch
        {
            < 0.35 => PinKind.Unpinned,
            var p when tag.IsMultiPlatform && p < 0.5 => PinKind.PlatformManifest,
            _ => PinKind.TagDigest,
        };
        return new Choice(tag, pin, platform);
    }

    private ExpectedImage Expected(DockerfileBuilder builder, Choice choice, int line, string instruction, string? stage, ReferenceForm form) =>
        new(builder.Path, line, instruction, stage, host, choice.Tag, choice.Platform, choice.Pin, form);

    private static string PlatformFlag(Platform platform) =>
        platform == ImageCatalog.Amd64 ? "" : $"--platform={platform} ";

    private static async Task WriteAsync(string root, string relativePath, string text, CancellationToken cancellationToken)
    {
        var path = Path.Combine(root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, text, cancellationToken);
    }

    private sealed record Choice(FleetTag Tag, PinKind Pin, Platform Platform);

    private sealed record ForcedChoices(Choice? Build, Choice? Final)
    {
        public static readonly ForcedChoices None = new(null, null);
    }
}
