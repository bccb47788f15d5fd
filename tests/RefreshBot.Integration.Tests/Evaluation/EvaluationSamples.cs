using RefreshBot.Testing.RootFs;

namespace RefreshBot.Integration.Tests.Evaluation;

/// <summary>What the end-to-end build-and-scan tests share: package versions, OSV records and the section of a body.</summary>
internal static class EvaluationSamples
{
    public const string OldOpenssl = "3.0.11-1~deb12u1";
    public const string NewOpenssl = "3.0.15-1~deb12u1";
    public const string Critical = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    public const string High = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N";

    public static BasePackage Openssl(string version) => new("openssl", version);

    public static BasePackage Zlib() => new("zlib1g", "1:1.2.13.dfsg-1", "zlib");

    /// <summary>The pull request body's "Build and scan" section.</summary>
    public static string Section(string body) => body.Split("## Build and scan")[1].Split("**What RefreshBot will do**")[0];

    public static string DebianRecord(string id, string cve, string package, string fixedIn, string cvss = Critical) => $$"""
        {"schema_version":"1.6.0","id":"{{id}}","modified":"2026-01-01T00:00:00Z","published":"2026-01-01T00:00:00Z",
         "aliases":["{{cve}}"],"summary":"{{package}} test advisory",
         "severity":[{"type":"CVSS_V3","score":"{{cvss}}"}],
         "affected":[{"package":{"ecosystem":"Debian:12","name":"{{package}}"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"{{fixedIn}}"}]}]}]}
        """;

    public static string AlpineRecord(string id, string package, string fixedIn) => $$"""
        {"schema_version":"1.6.0","id":"{{id}}","modified":"2026-01-01T00:00:00Z",
         "severity":[{"type":"CVSS_V3","score":"{{High}}"}],
         "affected":[{"package":{"ecosystem":"Alpine:v3.20","name":"{{package}}"},
           "ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"},{"fixed":"{{fixedIn}}"}]}]}]}
        """;
}
