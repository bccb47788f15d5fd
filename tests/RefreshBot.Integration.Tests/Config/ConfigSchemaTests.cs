using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>
/// <c>config/refreshbot.schema.json</c> and the loader agree: the samples and a set of valid configs pass both, broken
/// configs fail both, every mapping has the same keys in the schema as in the loader (asked of the loader itself), and
/// the reference documents every key.
/// </summary>
public sealed partial class ConfigSchemaTests : IDisposable
{
    private const string Probe = "zzSchemaProbe";

    private readonly ConfigFolder _folder = new();
    private readonly ConfigSchema _schema = ConfigSchema.Load();

    public ConfigSchemaTests()
    {
        _folder.Environment["POSTGRES"] = "Host=db;Database=refreshbot;Username=bot;Password=s3cret";
    }

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("refreshbot.yaml")]
    [InlineData("fleet.example.yaml")]
    public void The_samples_validate_against_the_schema_and_name_it_for_editors(string sample)
    {
        var text = File.ReadAllText(Path.Combine(SampleConfigTests.Root, "config", sample));

        Assert.Empty(_schema.Validate(text));
        Assert.StartsWith("# yaml-language-server: $schema=./refreshbot.schema.json\n", text);
    }

    public static TheoryData<string> Valid => new()
    {
        "",
        "defaults:\n",
        "storage:\n  database:\n",
        "vulnerabilities:\n  osvDirectory: osv\n",
        "vulnerabilities:\n  osvApi: https://api.osv.dev/\n",
        "github:\n  app:\n    id: ${env:APP_ID}\n    privateKey: ${file:app.pem}\n    installationId: 789\n"
            + "repositories:\n  - github: octo-org/web-app\n    labels: []\n    buildArgs:\n",
        """
        github:
          apiUrl: https://ghe.example/api/v3
          webUrl: https://ghe.example/
          gitUrl: https://git.ghe.example/
          token: ${env:GITHUB_TOKEN}
        git:
          author:
            name: refreshbot[bot]
            email: bot@example.com
        storage:
          dataDir: data
          proposalsDir: data/proposals
          database:
            postgres: ${env:POSTGRES}
        registries:
          - host: ghcr.io
            insecure: false
            username: bot
            password: ${env:REG_PASSWORD}
            concurrency: 4
            mirrors: [mirror.gcr.io]
          - host: localhost:5000
        defaults:
          branch: main
          dockerfiles: ["**/Dockerfile", deploy/*.Dockerfile]
          buildArgs: {NODE_VERSION: 22, DEBUG: "false"}
          platforms: [linux/amd64, linux/arm64/v8]
          grouping: dockerfile
          labels: [dependencies, docker]
          reviewers: [octocat, octo-org/platform-team]
          assignees: [octocat]
          schedule: {cron: "0 0 6 ? * MON-FRI", timeZone: Europe/Berlin}
          policies:
            unpinned: report
            ignore: [node, "ghcr.io/acme/*"]
            proposeAfterClosed: false
            soak: 24h
            soakImages: {node: 48h, docker.io/library/python: 0}
            prWindow: {days: [mon, fri], from: "09:00", to: "24:00", timeZone: UTC}
        repositories:
          - github: octo-org/web-app
          - path: svc
            platform: linux/arm64
            schedule: "0 0 3 ? * SUN"
          - url: https://git.example/team/app.git
            grouping: image
            policies:
              soak: 0
        build:
          enabled: true
          timeout: 10m
          memory: 2g
          network: none
          draftOnFailure: false
        vulnerabilities:
          scanner: {kind: trivy, path: /usr/local/bin/trivy, timeout: 5m}
        events:
          debounce: 0
          registry:
            header: X-Registry-Secret
            secret: ${env:REG_PASSWORD}
          github:
            secret: ${env:GITHUB_TOKEN}
          trigger:
            token: ${env:GITHUB_TOKEN}
        service:
          listen: http://0.0.0.0:8080
          jitter: 7.5s
          shutdownTimeout: 0
          defaultSchedule: "0 0 0/6 * * ?"
          vulnerabilityRefresh: {cron: "0 0 3 * * ?"}
          digest: 0 0 9 ? * MON
          discovery: {cron: "0 15 0/4 * * ?", timeZone: UTC}
          cluster: {checkinInterval: 500ms}
        registryClient:
          requestTimeout: 7.5s
          retries: 0
          maxRetryAfter: 0
          unreachableCooldown: 10m

        """,
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Valid_configs_load_and_validate_against_the_schema(string yaml)
    {
        _folder.Load(yaml);

        Assert.Empty(_schema.Validate(yaml));
    }

    /// <summary>Broken configs the loader refuses, and where the schema (so an editor) flags them.</summary>
    public static TheoryData<string, string> Invalid => new()
    {
        { "defaults:\n  lables: [a]\n", "/defaults/lables" },
        { "servce:\n  jitter: 1m\n", "/servce" },
        { "defaults:\n  labels: dependencies\n", "/defaults/labels" },
        { "defaults:\n  schedule: \"0 6 * * *\"\n", "/defaults/schedule" },
        { "service:\n  digest: {cron: \"0 0 6 ? * MON\", timeZone: \"Europe Berlin\"}\n", "/service/digest" },
        { "defaults:\n  policies:\n    unpinned: update\n", "/defaults/policies/unpinned" },
        { "defaults:\n  platform: linux/amd64\n  platforms: [linux/arm64]\n", "/defaults/platforms" },
        { "defaults:\n  policies:\n    prWindow: {days: [monday]}\n", "/defaults/policies/prWindow/days/0" },
        { "defaults:\n  policies:\n    soak: 1d\n", "/defaults/policies/soak" },
        { "github:\n  token: ghp-written-down\n", "/github/token" },
        { "github:\n  app:\n    privateKey: ${file:app.pem}\n", "/github/app" },
        { "service:\n  listen: http://0.0.0.0:8080/bot\n", "/service/listen" },
        { "service:\n  jitter: 5 minutes\n", "/service/jitter" },
        { "repositories:\n  - path: svc\n    url: https://git.example/a.git\n", "/repositories/0" },
        { "repositories:\n  - github: https://github.com/acme/app\n", "/repositories/0/github" },
        { "registries:\n  - username: bot\n", "/registries/0" },
        { "registries:\n  - host: ghcr.io\n    concurrency: 0\n", "/registries/0/concurrency" },
        { "registries:\n  - host: https://ghcr.io\n", "/registries/0/host" },
        { "vulnerabilities:\n  osvApi: https://x/\n  osvDirectory: osv\n", "/vulnerabilities" },
        { "vulnerabilities:\n  scanner: {kind: clair}\n", "/vulnerabilities/scanner/kind" },
        { "build:\n  enabled: yes\n", "/build/enabled" },
        { "build:\n  memory: 1k\n", "/build/memory" },
        { "events:\n  debounce: 30\n", "/events/debounce" },
        { "events:\n  registry:\n    header: Authorization\n", "/events/registry" },
        { "storage:\n  database:\n    postgres: Host=db;Password=s3cret\n", "/storage/database/postgres" },
        { "git:\n  author:\n    email: not-an-email\n", "/git/author/email" },
        { "registryClient:\n  retries: 11\n", "/registryClient/retries" },
        { "registryClient:\n  maxRetryAfter: 5 minutes\n", "/registryClient/maxRetryAfter" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Broken_configs_fail_the_loader_and_the_schema_at_the_same_place(string yaml, string location)
    {
        Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        var complaints = _schema.Validate(yaml);
        Assert.Contains(complaints, complaint => complaint.StartsWith(location + " (", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_mapping_has_the_same_keys_in_the_schema_as_in_the_loader()
    {
        var mappings = _schema.Mappings();
        Assert.True(mappings.Count >= 25, $"the schema walk found only {mappings.Count} mappings");
        foreach (var (path, schemaKeys) in mappings)
        {
            var loaderKeys = KeysTheLoaderAccepts(path);

            Assert.True(
                loaderKeys.SetEquals(schemaKeys),
                $"at '{string.Join('.', path)}': schema has [{string.Join(", ", schemaKeys.Order())}], loader accepts [{string.Join(", ", loaderKeys.Order())}]");
        }
    }

    [Fact]
    public void The_reference_documents_every_section_and_key_of_the_schema()
    {
        var reference = File.ReadAllText(Path.Combine(SampleConfigTests.Root, "docs", "configuration.md"));
        var quoted = QuotedSpan().Matches(reference)
            .SelectMany(match => Word().Matches(match.Groups[1].Value).Select(word => word.Value))
            .ToHashSet(StringComparer.Ordinal);
        var mappings = _schema.Mappings();

        var undocumented = mappings.SelectMany(mapping => mapping.Keys).Distinct().Where(key => !quoted.Contains(key)).Order().ToList();
        var sections = mappings.Single(mapping => mapping.Path.Count == 0).Keys;
        var noHeading = sections.Where(section => !reference.Contains($"## `{section}:`", StringComparison.Ordinal)).Order().ToList();

        Assert.True(undocumented.Count == 0, "docs/configuration.md does not mention: " + string.Join(", ", undocumented));
        Assert.True(noHeading.Count == 0, "docs/configuration.md has no '## `section:`' heading for: " + string.Join(", ", noHeading));
    }

    /// <summary>
    /// Asks the loader itself: a config with an unknown key in the mapping at <paramref name="path"/> makes it list the
    /// keys it accepts there ("unknown key 'x' in …: expected one of a, b, c").
    /// </summary>
    private HashSet<string> KeysTheLoaderAccepts(IReadOnlyList<string> path)
    {
        JsonNode node = new JsonObject { [Probe] = 1 };
        foreach (var segment in path.Reverse())
        {
            node = segment == ConfigSchema.Item ? new JsonArray(node) : new JsonObject { [segment] = node };
        }

        var yaml = node.ToJsonString();    // JSON is YAML
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));
        var unknown = error.All.Select(e => UnknownKey().Match(e.Problem)).FirstOrDefault(match => match.Success);
        Assert.True(unknown is not null, $"{yaml}: the loader did not reject the unknown key: {string.Join(" | ", error.All.Select(e => e.Message))}");
        return unknown.Groups["keys"].Value.Split(", ").ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("^unknown key '" + Probe + "' in .+?: expected one of (?<keys>[^;]+)")]
    private static partial Regex UnknownKey();

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex QuotedSpan();

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Word();
}
