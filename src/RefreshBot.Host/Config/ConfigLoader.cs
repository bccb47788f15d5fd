using RefreshBot.Adapters.History;
using RefreshBot.Application.Evaluation;
using RefreshBot.Application.Fleet;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace RefreshBot.Host.Config;

/// <summary>
/// Loads and validates <see cref="RefreshBotConfig"/> from YAML. Every problem is a <see cref="ConfigException"/>
/// naming file:line:column and what was expected; unknown keys are errors (a typo must not be silently ignored).
/// </summary>
/// <param name="substitution">Expands <c>${env:…}</c> / <c>${file:…}</c>; its folder is the one relative paths start from.</param>
/// <param name="defaultDataDir">The data folder when the file names none; null: <see cref="DataFolder.Default"/> for the
/// substitution's environment and the user's home.</param>
public sealed class ConfigLoader(SecretSubstitution substitution, string? defaultDataDir = null)
{
    private static readonly string[] RootKeys = ["github", "git", "storage", "registries", "registryClient", "defaults", "repositories", "build", "vulnerabilities", "events", "service", "digest", "discover", "dashboard", "overrides"];
    private static readonly string[] GitKeys = ["author"];
    private static readonly string[] AuthorKeys = ["name", "email"];
    private static readonly string[] StorageKeys = ["dataDir", "proposalsDir", "database"];
    private static readonly string[] DatabaseKeys = ["postgres"];

    public static RefreshBotConfig LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new ConfigException(path, "config file not found");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        return new ConfigLoader(SecretSubstitution.FromProcess(folder)).Load(path, File.ReadAllText(path));
    }

    /// <summary>The configuration of an empty file (no fleet, built-in defaults), for commands run without <c>--config</c>.</summary>
    public static RefreshBotConfig BuiltIn() =>
        new ConfigLoader(SecretSubstitution.FromProcess(Directory.GetCurrentDirectory())).Load("(built-in defaults)", "");

    /// <summary>Reads the whole file even after an error (see <see cref="YamlNodes.Recover{T}"/>), then throws the first error
    /// found, carrying all of them (<see cref="ConfigException.All"/>).</summary>
    public RefreshBotConfig Load(string file, string text)
    {
        var document = Parse(file, text);
        var yaml = new YamlNodes(file, substitution);
        var root = document is null || document.RootNode is YamlScalarNode { Value: null or "" }
            ? null
            : yaml.Recover(() => yaml.Mapping(document.RootNode, "the top level", RootKeys), null);
        YamlNode? Section(string key) => root is not null && root.TryGetValue(key, out var node) ? node : null;

        var github = Section("github") is { } githubNode ? yaml.Recover(() => GitHubSection.Read(yaml, githubNode), UnreadGitHub) : null;
        var git = Section("git") is { } gitNode ? yaml.Recover(() => ReadGit(yaml, gitNode), GitSettings.Default) : GitSettings.Default;
        var storage = yaml.Recover(() => ReadStorage(yaml, file, Section("storage")), new StorageSettings("/", "/"));
        var registries = Section("registries") is { } registriesNode ? yaml.Recover(() => RegistriesSection.Read(yaml, registriesNode), []) : [];
        // Read first: a repository's `build: true` is an error when the fleet does not build (unknown when `build:` has errors).
        var build = yaml.Recover<EvaluationOptions?>(() => EvaluationSection.ReadBuild(yaml, Section("build")), null);
        var fleetBuilds = build?.Enabled ?? true;
        var defaults = Section("defaults") is { } defaultsNode
            ? yaml.Recover(
                () => RepositorySettingsReader.Read(yaml, yaml.Mapping(defaultsNode, "defaults", RepositorySettingsReader.Keys), "defaults")
                    .CheckBuild(yaml, fleetBuilds, "defaults")
                    .ApplyTo(RepositorySettings.BuiltIn),
                RepositorySettings.BuiltIn)
            : RepositorySettings.BuiltIn;
        var repositories = Section("repositories") is { } repositoriesNode
            ? yaml.Recover(() => RepositoriesSection.Read(yaml, repositoriesNode, defaults, github, fleetBuilds), [])
            : [];
        var config = new RefreshBotConfig(github, git, storage, registries, defaults, repositories)
        {
            Build = build ?? EvaluationOptions.Disabled,
            Vulnerabilities = yaml.Recover(() => EvaluationSection.ReadVulnerabilities(yaml, Section("vulnerabilities")), VulnerabilitySettings.None),
            Events = yaml.Recover(() => EventsSection.Read(yaml, Section("events")), EventSettings.Disabled),
            Service = yaml.Recover(() => ServiceSection.Read(yaml, Section("service"), file, substitution.Variable), ServiceSettings.Default),
            Digest = yaml.Recover(() => DigestSection.Read(yaml, Section("digest"), github), DigestSettings.None),
            Discover = yaml.Recover(() => DiscoverSection.Read(yaml, Section("discover"), defaults, github, fleetBuilds), []),
            Dashboard = yaml.Recover(() => DashboardSection.Read(yaml, Section("dashboard")), DashboardSettings.Disabled),
            Overrides = yaml.Recover(() => OverridesSection.Read(yaml, Section("overrides")), OverrideSettings.Default),
            RegistryClient = yaml.Recover(() => RegistryClientSection.Read(yaml, Section("registryClient")), RegistryClientSettings.Default),
        };
        return yaml.Errors.Count == 0 ? config : throw ConfigException.Several(yaml.Errors);
    }

    /// <summary>Stands in for a <c>github:</c> section that has errors, so its repositories are still checked (never used:
    /// the file is invalid).</summary>
    private static readonly GitHubSettings UnreadGitHub = new(
        GitHubSettings.PublicApiUrl, new Uri("https://github.com/"), new Uri("https://github.com/"), new GitHubAuth.Token(new SecretText("")));

    /// <summary>The one YAML document of <paramref name="text"/> (null when empty); a syntax error is a <see cref="ConfigException"/>
    /// at its line and column (also used for a repository's own settings file).</summary>
    internal static YamlDocument? Parse(string file, string text)
    {
        try
        {
            if (YamlDepth.FirstTooDeep(text) is { } deep)
            {
                throw new ConfigException(file, (int)deep.Line, (int)deep.Column, $"invalid YAML: nested deeper than {YamlDepth.Max} levels");
            }

            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count > 1)
            {
                var second = stream.Documents[1].RootNode.Start;
                throw new ConfigException(file, (int)second.Line, (int)second.Column, "expected a single YAML document");
            }

            return stream.Documents.Count == 0 ? null : stream.Documents[0];
        }
        catch (YamlException e)
        {
            var problem = e.InnerException is YamlException inner ? inner.Message : e.Message;
            var cut = problem.IndexOf("): ", StringComparison.Ordinal);
            if (problem.StartsWith("(Line:", StringComparison.Ordinal) && cut >= 0)
            {
                problem = problem[(cut + 3)..];
            }

            throw new ConfigException(file, (int)e.Start.Line, (int)e.Start.Column, "invalid YAML: " + problem);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way on some unclosed flow collections ("[a, b" then more lines).
            throw UnclosedFlow.Find(text) is { } mark
                ? new ConfigException(file, (int)mark.Line, (int)mark.Column, "invalid YAML: this '[' or '{' is never closed")
                : new ConfigException(file, "invalid YAML: the file does not parse");
        }
    }

    private static GitSettings ReadGit(YamlNodes yaml, YamlNode node)
    {
        var git = yaml.Mapping(node, "git", GitKeys);
        if (!git.TryGetValue("author", out var authorNode))
        {
            return GitSettings.Default;
        }

        var author = yaml.Mapping(authorNode, "git.author", AuthorKeys);
        var name = GitAuthor.Default.Name;
        if (author.TryGetValue("name", out var nameNode))
        {
            name = yaml.RequiredValue(nameNode, "git.author.name");
            if (name.Any(c => c is '<' or '>' || char.IsControl(c)))
            {
                throw yaml.Error(nameNode, $"git.author.name: expected a name without '<', '>' or line breaks, got '{yaml.Text(nameNode, "name")}'");
            }
        }

        var email = GitAuthor.Default.Email;
        if (author.TryGetValue("email", out var emailNode))
        {
            email = yaml.RequiredValue(emailNode, "git.author.email");
            var at = email.IndexOf('@', StringComparison.Ordinal);
            if (at < 1 || at == email.Length - 1 || email.Any(c => c is '<' or '>' || char.IsWhiteSpace(c) || char.IsControl(c)))
            {
                throw yaml.Error(emailNode, $"git.author.email: expected an e-mail address such as bot@example.com, got '{yaml.Text(emailNode, "email")}'");
            }
        }

        return new GitSettings(new GitAuthor(name, email));
    }

    private StorageSettings ReadStorage(YamlNodes yaml, string file, YamlNode? node)
    {
        var storage = node is null ? null : yaml.Mapping(node, "storage", StorageKeys);
        string? dataDir = null;
        if (storage is not null && storage.TryGetValue("dataDir", out var dataNode))
        {
            dataDir = yaml.Folder(dataNode, "storage.dataDir");
        }

        dataDir ??= defaultDataDir ?? DataFolder.Default(substitution.Variable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile))
            ?? throw new ConfigException(file, $"no data folder: set storage.dataDir, ${DataFolder.EnvironmentVariable} or $HOME");
        var proposalsDir = storage is not null && storage.TryGetValue("proposalsDir", out var proposalsNode)
            ? yaml.Folder(proposalsNode, "storage.proposalsDir")
            : Path.Combine(dataDir, "proposals");
        var database = storage is not null && storage.TryGetValue("database", out var databaseNode)
            ? ReadDatabase(yaml, databaseNode, dataDir)
            : DatabaseSettings.SqliteIn(dataDir);
        return new StorageSettings(dataDir, proposalsDir) { Database = database };
    }

    /// <summary><c>storage.database</c>: absent or empty → the SQLite file in the data folder; <c>postgres:</c> an Npgsql
    /// connection string, a secret (only from <c>${env:…}</c> / <c>${file:…}</c>).</summary>
    private static DatabaseSettings ReadDatabase(YamlNodes yaml, YamlNode node, string dataDir)
    {
        var database = yaml.Mapping(node, "storage.database", DatabaseKeys);
        if (!database.TryGetValue("postgres", out var postgresNode))
        {
            return DatabaseSettings.SqliteIn(dataDir);
        }

        var connection = yaml.Secret(postgresNode, "storage.database.postgres");
        try
        {
            var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection.Reveal() };
            if (!parsed.ContainsKey("host") && !parsed.ContainsKey("server"))
            {
                throw yaml.Error(postgresNode, "storage.database.postgres: expected an Npgsql connection string such as 'Host=db;Database=refreshbot;Username=bot;Password=…' (no Host in it)");
            }
        }
        catch (ArgumentException)
        {
            throw yaml.Error(postgresNode, "storage.database.postgres: expected an Npgsql connection string such as 'Host=db;Database=refreshbot;Username=bot;Password=…' (it does not parse)");
        }

        return new DatabaseSettings(DatabaseKind.Postgres, connection.Reveal());
    }
}
