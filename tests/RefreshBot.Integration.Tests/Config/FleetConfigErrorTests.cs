using RefreshBot.Host.Config;

namespace RefreshBot.Integration.Tests.Config;

/// <summary>Broken fleet configs: each error names the exact line and column and says what was expected, never a secret.</summary>
public sealed class FleetConfigErrorTests : IDisposable
{
    private const string Token = "github:\n  token: ${env:GITHUB_TOKEN}\n";

    private readonly ConfigFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, int, int, string> Broken => new()
    {
        // A typo'd key, with a hint.
        { "defaults:\n  grouping: image\n  lables: [a]\n", 3, 3,
            "unknown key 'lables' in defaults: expected one of branch, dockerfiles, buildArgs, platforms, platform, grouping, labels, reviewers, assignees, schedule, policies, dashboardIssue, dashboardIssueTitle, build; did you mean 'labels'?" },
        { "repositories:\n  - path: svc\n    groupin: image\n", 3, 5,
            "unknown key 'groupin' in a repository: expected one of github, path, url, branch, dockerfiles, buildArgs, platforms, platform, grouping, labels, reviewers, assignees, schedule, policies, dashboardIssue, dashboardIssueTitle, build; did you mean 'grouping'?" },
        { "defaults:\n  policies:\n    ignor: [node]\n", 3, 5,
            "unknown key 'ignor' in defaults.policies: expected one of unpinned, ignore, proposeAfterClosed, soak, soakImages, prWindow; did you mean 'ignore'?" },
        { "dataDir: /srv\n", 1, 1,
            "unknown key 'dataDir' in the top level: expected one of github, git, storage, registries, registryClient, defaults, repositories, build, vulnerabilities, events, service, digest, discover, dashboard, overrides" },

        // Wrong types.
        { "defaults:\n  labels: dependencies\n", 2, 11, "defaults.labels: expected a list (lines starting with '- ', or [a, b])" },
        { "defaults:\n  policies:\n    proposeAfterClosed: sometimes\n", 3, 25, "defaults.policies.proposeAfterClosed: expected true or false, got 'sometimes'" },
        { "repositories:\n  path: svc\n", 2, 3, "repositories: expected a list (lines starting with '- ', or [a, b])" },
        { "defaults:\n  platforms: []\n", 2, 14, "defaults.platforms: expected at least one platform such as linux/amd64" },
        { "defaults:\n  platform: linux/amd64\n  platforms: [linux/arm64]\n", 3, 3, "defaults: expected 'platforms' (a list) or 'platform' (one), not both" },
        { "defaults:\n  branch: feature..x\n", 2, 11, "defaults.branch: expected a branch name such as main or release/2.x, got 'feature..x'" },
        { "defaults:\n  reviewers: [\"not a login\"]\n", 2, 15, "defaults.reviewers: expected a GitHub user name or org/team, got 'not a login'" },
        { "git:\n  author:\n    email: not-an-email\n", 3, 12, "git.author.email: expected an e-mail address such as bot@example.com, got 'not-an-email'" },
        { "registries:\n  - host: docker.io\n    mirrors: [https://mirror.example]\n", 3, 15,
            "mirrors entry: expected a registry host such as ghcr.io or localhost:5000 (no scheme, no path), got 'https://mirror.example'" },

        // Schedules.
        { "defaults:\n  schedule: \"0 6 * * *\"\n", 2, 13,
            "defaults.schedule: expected a Quartz cron expression of 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got 5; a Unix cron needs a seconds field first, e.g. '0 0 6 * * ?'" },
        { "defaults:\n  schedule:\n    cron: 0 0 6 * * MON\n", 3, 11,
            "defaults.schedule: exactly one of the day-of-month and day-of-week fields must be '?' (Quartz cron), e.g. '0 0 6 ? * MON' or '0 0 6 1 * ?'" },
        { "defaults:\n  schedule: 0 0 6 ? * FUN\n", 2, 13,
            "defaults.schedule: the day-of-week field 'FUN' of the cron expression is not valid: expected numbers 1-7 or SUN-SAT with , - * / ? L #" },
        { "defaults:\n  schedule:\n    cron: 0 0 6 ? * MON\n    timeZone: Mars/Olympus\n", 4, 15,
            "defaults.schedule.timeZone: unknown time zone 'Mars/Olympus': expected an IANA id such as Europe/Berlin or UTC" },
        { "defaults:\n  schedule:\n    timeZone: UTC\n", 3, 5, "defaults.schedule: expected 'cron' (a Quartz cron expression such as '0 0 6 ? * MON-FRI')" },

        // Unknown choices.
        { "defaults:\n  grouping: per-file\n", 2, 13, "defaults.grouping: expected one of repository, dockerfile, image, got 'per-file'" },
        { "repositories:\n  - path: svc\n    grouping: all\n", 3, 15, "repositories[0].grouping: expected one of repository, dockerfile, image, got 'all'" },
        { "defaults:\n  policies:\n    unpinned: update\n", 3, 15, "defaults.policies.unpinned: expected one of pin, report, got 'update'" },

        // GitHub connection and secrets.
        { "github:\n  token: ${env:GITHUB_TOKEN}\n  app:\n    id: 1\n    privateKey: ${file:app.pem}\n", 3, 3,
            "github: expected exactly one of 'token' or 'app', not both" },
        { "github:\n  apiUrl: https://ghe.example/api/v3\n", 2, 3,
            "github: expected 'token: ${env:GITHUB_TOKEN}' or 'app: {id, privateKey, installationId}'" },
        { "github:\n  token: ${env:GITHUB_TOKEN_MISSING}\n", 2, 10,
            "github.token: environment variable 'GITHUB_TOKEN_MISSING' is not set (from ${env:GITHUB_TOKEN_MISSING})" },
        { "github:\n  token: ghp-s3cret-written-down\n", 2, 10,
            "github.token: a secret must not be written in the config: use ${env:NAME} or ${file:PATH}" },
        { "github:\n  app:\n    privateKey: ${file:app.pem}\n", 3, 5, "github.app: expected 'id' (the App's numeric id)" },
        { "github:\n  app:\n    id: 1\n    privateKey: ${file:not-a-key.txt}\n", 4, 17,
            "github.app.privateKey: expected a PEM private key (-----BEGIN … PRIVATE KEY-----)" },
        { "github:\n  app:\n    id: ${env:NO_APP_ID}\n    privateKey: ${file:app.pem}\n", 3, 9,
            "github.app.id: environment variable 'NO_APP_ID' is not set (from ${env:NO_APP_ID})" },
        { "github:\n  app:\n    id: twelve\n    privateKey: ${file:app.pem}\n", 3, 9, "github.app.id: expected a positive whole number, got 'twelve'" },
        { "github:\n  apiUrl: http://ghe.example/api/v3\n  token: ${env:GITHUB_TOKEN}\n", 2, 11,
            "github.apiUrl: expected https (plain http only for a loopback host), got 'http://ghe.example/api/v3'" },

        // The service and its database.
        { "storage:\n  database:\n    postgres: Host=db;Password=s3cret\n", 3, 15,
            "storage.database.postgres: a secret must not be written in the config: use ${env:NAME} or ${file:PATH}" },
        { "storage:\n  database:\n    postgres: ${env:APP_ID}\n", 3, 15,
            "storage.database.postgres: expected an Npgsql connection string such as 'Host=db;Database=refreshbot;Username=bot;Password=…' (it does not parse)" },
        { "storage:\n  database:\n    sqlite: refreshbot.db\n", 3, 5, "unknown key 'sqlite' in storage.database: expected one of postgres" },
        { "service:\n  jiter: 1m\n", 2, 3,
            "unknown key 'jiter' in service: expected one of listen, jitter, shutdownTimeout, defaultSchedule, vulnerabilityRefresh, digest, discovery, cluster; did you mean 'jitter'?" },
        { "service:\n  jitter: 5 minutes\n", 2, 11, "service.jitter: expected a duration from 0 to 24h such as 500ms, 7.5s, 30m or 6h, got '5 minutes'" },
        { "registryClient:\n  requestTimeout: 200ms\n", 2, 19,
            "registryClient.requestTimeout: expected a duration from 1s to 10m such as 500ms, 7.5s, 30m or 6h, got '200ms'" },
        { "registryClient:\n  retries: 11\n", 2, 12, "registryClient.retries: expected a whole number from 0 to 10, got '11'" },
        { "registryClient:\n  unreachableCooldown: 2d\n", 2, 24,
            "registryClient.unreachableCooldown: expected a duration from 0 to 24h such as 500ms, 7.5s, 30m or 6h, got '2d'" },
        { "registryClient:\n  timeout: 5s\n", 2, 3,
            "unknown key 'timeout' in registryClient: expected one of requestTimeout, retries, maxRetryAfter, unreachableCooldown" },
        { "service:\n  shutdownTimeout: -1s\n", 2, 20, "service.shutdownTimeout: expected a duration from 0 to 1h such as 500ms, 7.5s, 30m or 6h, got '-1s'" },
        { "service:\n  cluster:\n    checkinInterval: 100ms\n", 3, 22,
            "service.cluster.checkinInterval: expected a duration from 500ms to 10m such as 500ms, 7.5s, 30m or 6h, got '100ms'" },
        { "service:\n  listen: 127.0.0.1:8080\n", 2, 11,
            "service.listen: expected a URL such as http://127.0.0.1:8080 or http://0.0.0.0:8080 (no path), got '127.0.0.1:8080'" },
        { "service:\n  listen: http://0.0.0.0:8080/bot\n", 2, 11,
            "service.listen: expected a URL such as http://127.0.0.1:8080 or http://0.0.0.0:8080 (no path), got 'http://0.0.0.0:8080/bot'" },
        { "service:\n  digest: \"0 9 * * MON\"\n", 2, 11,
            "service.digest: expected a Quartz cron expression of 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got 5; a Unix cron needs a seconds field first, e.g. '0 0 6 * * ?'" },
        { "service:\n  defaultSchedule:\n    cron: 0 0 0/6 * * ?\n    timeZone: Mars/Olympus\n", 4, 15,
            "service.defaultSchedule.timeZone: unknown time zone 'Mars/Olympus': expected an IANA id such as Europe/Berlin or UTC" },

        // Event endpoints.
        { "events:\n  github:\n    secret: whsec-s3cret-written-down\n", 3, 13,
            "events.github.secret: a secret must not be written in the config: use ${env:NAME} or ${file:PATH}" },
        { "events:\n  trigger:\n    token: ${env:NO_TRIGGER_TOKEN}\n", 3, 12,
            "events.trigger.token: environment variable 'NO_TRIGGER_TOKEN' is not set (from ${env:NO_TRIGGER_TOKEN})" },
        { "events:\n  registry:\n    secret: ${file:no-such-secret.txt}\n", 3, 13,
            "events.registry.secret: file 'no-such-secret.txt' does not exist (from ${file:no-such-secret.txt})" },
        { "events:\n  registry:\n    header: Authorization\n", 3, 5,
            "events.registry: expected 'secret: ${env:NAME}' or 'secret: ${file:PATH}' (the endpoint is served only with it)" },
        { "events:\n  registry:\n    header: \"X Secret\"\n    secret: ${env:GITHUB_TOKEN}\n", 3, 13,
            "events.registry.header: expected an HTTP header name such as Authorization or X-Registry-Secret, got 'X Secret'" },
        { "events:\n  github:\n    token: ${env:GITHUB_TOKEN}\n", 3, 5,
            "unknown key 'token' in events.github: expected one of secret" },
        { "events:\n  debounce: 30\n", 2, 13, "events.debounce: expected a duration such as 30s or 2m (0: none; at most 1h), got '30'" },
        { "events:\n  debounce: 2h\n", 2, 13, "events.debounce: expected a duration such as 30s or 2m (0: none; at most 1h), got '2h'" },
        { "events:\n  trigers:\n    token: ${env:GITHUB_TOKEN}\n", 2, 3,
            "unknown key 'trigers' in events: expected one of debounce, registry, github, trigger; did you mean 'trigger'?" },

        // The weekly digest.
        { "digest:\n  github:\n    repository: acme/fleet\n", 3, 5,
            "digest.github: needs the top-level github: section (the API connection and its token or App)" },
        { Token + "digest:\n  github:\n    labels: [digest]\n", 5, 5,
            "digest.github: expected 'repository: owner/name' (where the digest issues are opened)" },
        { Token + "digest:\n  github:\n    repository: https://github.com/acme/fleet\n", 5, 17,
            "digest.github.repository: expected owner/name such as acme/fleet, got 'https://github.com/acme/fleet'" },
        { Token + "digest:\n  github:\n    repository: acme/fleet\n    labels: []\n", 6, 13,
            "digest.github.labels: expected at least one label (the digest issues are found by them)" },
        { "digest:\n  issue:\n    repository: acme/fleet\n", 2, 3,
            "unknown key 'issue' in digest: expected one of github, email, html" },
        { "digest:\n  email:\n    smtp:\n      host: smtp.example.com\n      security: ssl\n    from: bot@example.com\n    to: [ops@example.com]\n", 5, 17,
            "digest.email.smtp.security: expected one of none, starttls, tls, got 'ssl'" },
        { "digest:\n  email:\n    smtp:\n      host: smtp.example.com\n      port: 99999\n    from: bot@example.com\n    to: [ops@example.com]\n", 5, 13,
            "digest.email.smtp.port: expected a whole number from 1 to 65535, got '99999'" },
        { "digest:\n  email:\n    smtp:\n      host: smtp.example.com\n      username: bot\n      password: s3cret-smtp\n    from: bot@example.com\n    to: [ops@example.com]\n", 6, 17,
            "digest.email.smtp.password: a secret must not be written in the config: use ${env:NAME} or ${file:PATH}" },
        { "digest:\n  email:\n    smtp:\n      host: smtp.example.com\n      username: bot\n    from: bot@example.com\n    to: [ops@example.com]\n", 5, 17,
            "digest.email.smtp.username: needs 'password: ${env:NAME}' or 'password: ${file:PATH}' too" },
        { "digest:\n  email:\n    smtp:\n      host: smtp.example.com\n    from: bot@example.com\n    to: [ops@example.com, not-an-address]\n", 6, 27,
            "digest.email.to entry: expected an e-mail address such as bot@example.com, got 'not-an-address'" },
        { "digest:\n  email:\n    smtp:\n      host: smtp.example.com\n    to: [ops@example.com]\n", 3, 5,
            "digest.email: expected 'from' (the sender address, e.g. RefreshBot <bot@example.com>)" },
        { "digest:\n  email:\n    from: bot@example.com\n    to: [ops@example.com]\n", 3, 5,
            "digest.email: expected 'smtp: {host, port, security, username, password}'" },
        { "digest:\n  html:\n    folder: reports\n", 3, 5, "unknown key 'folder' in digest.html: expected one of dir" },

        // Repositories.
        { "repositories:\n  - github: acme/app\n    path: svc\n", 3, 5,
            "a repository has exactly one of 'github', 'path' or 'url'; this one has both 'github' and 'path'" },
        { "repositories:\n  - branch: main\n", 2, 5, "a repository needs one of 'github: owner/name', 'path: ./folder' or 'url: https://…'" },
        { Token + "repositories:\n  - github: acme/app\n  - github: Acme/App\n", 5, 13, "repository 'Acme/App' is listed twice (first at line 4)" },
        { Token + "repositories:\n  - github: acme/app\n  - url: https://github.com/acme/app.git\n", 5, 10,
            "repository 'https://github.com/acme/app.git' is listed twice (first at line 4)" },
        { "repositories:\n  - url: https://git.example/team/app\n  - url: https://GIT.example/team/app.git/\n", 3, 10,
            "repository 'https://git.example/team/app.git' is listed twice (first at line 2)" },
        { "repositories:\n  - github: acme/app\n", 2, 13,
            "repositories[0].github: a GitHub repository needs the top-level 'github:' section (apiUrl, and token or app)" },
        { Token + "repositories:\n  - github: https://github.com/acme/app\n", 4, 13,
            "repositories[0].github: expected owner/name such as octo-org/web-app (no URL, no .git), got 'https://github.com/acme/app'" },
        { "repositories:\n  - url: https://bot:hunter2@git.example/x.git\n", 2, 10,
            "repositories[0].url: a URL must not carry a password; credentials come from the github: section or the git credential set-up" },
        { "repositories:\n  - url: git@github.com:acme/app.git\n", 2, 10,
            "repositories[0].url: expected an https://, ssh:// or file:// git URL (for git@host:path write ssh://git@host/path), got 'git@github.com:acme/app.git'" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Errors_name_line_column_and_what_was_expected(string yaml, int line, int column, string problem)
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load(yaml));

        Assert.Equal(problem, error.Problem);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Equal($"refreshbot.yaml:{line}:{column}: {problem}", error.Message);
        Assert.DoesNotContain("s3cret", error.Message);
        Assert.DoesNotContain("hunter2", error.Message);
    }

    [Fact]
    public void An_SMTP_password_is_never_sent_in_clear_text_to_another_machine()
    {
        _folder.Environment["SMTP_PASSWORD"] = "s3cret-smtp";
        static string Mail(string host, string security) =>
            $"digest:\n  email:\n    smtp:\n      host: {host}\n      security: {security}\n      username: bot\n      password: ${{env:SMTP_PASSWORD}}\n    from: bot@example.com\n    to: [ops@example.com]\n";

        var error = Assert.Throws<ConfigException>(() => _folder.Load(Mail("smtp.example.com", "none")));

        Assert.Equal((5, 17), (error.Line, error.Column));
        Assert.Equal("digest.email.smtp: refusing to send the password in clear text to smtp.example.com (security: none); use 'security: starttls' or 'tls', or a relay on this machine (localhost)", error.Problem);
        Assert.DoesNotContain("s3cret", error.Message, StringComparison.Ordinal);
        Assert.Equal(Adapters.Mail.SmtpSecurity.None, _folder.Load(Mail("127.0.0.1", "none")).Digest.Email!.Security);
        Assert.Equal(Adapters.Mail.SmtpSecurity.None, _folder.Load(Mail("localhost", "none")).Digest.Email!.Security);
        Assert.Equal(Adapters.Mail.SmtpSecurity.StartTls, _folder.Load(Mail("smtp.example.com", "starttls")).Digest.Email!.Security);
    }

    [Fact]
    public void The_same_local_repository_twice_is_an_error_at_the_second()
    {
        var error = Assert.Throws<ConfigException>(() => _folder.Load("repositories:\n  - path: svc\n  - path: ./svc/\n"));

        Assert.Equal((3, 11), (error.Line, error.Column));
        Assert.Equal($"repository '{Path.Combine(_folder.Root, "svc")}' is listed twice (first at line 2)", error.Problem);
    }

    [Fact]
    public void A_path_must_be_an_existing_git_repository()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Root, "plain"));

        var missing = Assert.Throws<ConfigException>(() => _folder.Load("repositories:\n  - path: nowhere\n"));
        var notGit = Assert.Throws<ConfigException>(() => _folder.Load("repositories:\n  - path: plain\n"));

        Assert.Equal((2, 11), (missing.Line, missing.Column));
        Assert.Equal($"repositories[0].path: folder 'nowhere' does not exist (resolved to {Path.Combine(_folder.Root, "nowhere")})", missing.Problem);
        Assert.Equal((2, 11), (notGit.Line, notGit.Column));
        Assert.StartsWith("repositories[0].path: expected the root folder of a git repository (with .git)", notGit.Problem);
    }

    [Fact]
    public void A_secret_from_a_file_is_never_in_an_error()
    {
        _folder.Environment["APP_ID"] = "not-a-number";

        var error = Assert.Throws<ConfigException>(() => _folder.Load("github:\n  app:\n    id: ${env:APP_ID}\n    privateKey: ${file:app.pem}\n"));

        Assert.Equal("github.app.id: expected a positive whole number, got '${env:APP_ID}'", error.Problem);
        Assert.DoesNotContain("not-a-number", error.Message);
        Assert.DoesNotContain("key-material", error.Message);
    }
}
