using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using RefreshBot.Domain.Vulnerabilities.Severity;

namespace RefreshBot.Domain.Reports.Weekly;

/// <summary>
/// The weekly digest for machines: indented JSON, camelCase, fields always present (null when a figure does not exist),
/// durations as seconds (<c>…Seconds</c>, exact), instants as ISO 8601 UTC (<c>2026-11-30T00:00:00Z</c>), enums as
/// camelCase strings. <c>schemaVersion</c> changes only when a field is renamed or removed or changes meaning; new
/// fields may appear within a version. Deterministic: the same digest gives the same bytes.
/// </summary>
public static class WeeklyDigestJson
{
    public const int SchemaVersion = 1;

    private static readonly JsonWriterOptions Options = new() { Indented = true };

    public static string Render(WeeklyDigest digest)
    {
        ArgumentNullException.ThrowIfNull(digest);
        var buffer = new ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteNumber("schemaVersion", SchemaVersion);
            w.WriteString("week", digest.Week.ToString());
            w.WriteString("weekStart", Instant(digest.Week.Start));
            w.WriteString("weekEnd", Instant(digest.Week.End));
            w.WriteString("asOf", Instant(digest.AsOf));
            Fleet(w, digest.Fleet);
            w.WriteStartArray("repositories");
            foreach (var repository in digest.Repositories)
            {
                Repository(w, repository, digest.AsOf);
            }

            w.WriteEndArray();
            Security(w, digest.Security);
            w.WriteStartArray("trend");
            foreach (var point in digest.Trend)
            {
                w.WriteStartObject();
                w.WriteString("week", point.Week.ToString());
                Seconds(w, "medianLagSeconds", point.MedianLag);
                w.WriteNumber("openPullRequests", point.OpenPullRequests);
                w.WriteNumber("exposedCriticalHigh", point.ExposedCriticalHigh);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan) + "\n";
    }

    /// <summary>ISO 8601 in UTC with a <c>Z</c>, fractional seconds only when there are any.</summary>
    public static string Instant(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static void Fleet(Utf8JsonWriter w, FleetSummary fleet)
    {
        w.WriteStartObject("fleet");
        w.WriteNumber("repositoriesTracked", fleet.RepositoriesTracked);
        w.WriteNumber("fullyFresh", fleet.FullyFresh);
        w.WriteNumber("shareFullyFresh", fleet.ShareFullyFresh);
        Seconds(w, "medianLagSeconds", fleet.MedianLag);
        Seconds(w, "worstLagSeconds", fleet.WorstLag);
        w.WriteString("worstLagRepository", fleet.WorstLagRepository);
        w.WriteNumber("openPullRequests", fleet.OpenPullRequests);
        w.WriteNumber("openedThisWeek", fleet.OpenedThisWeek);
        w.WriteNumber("mergedThisWeek", fleet.MergedThisWeek);
        w.WriteNumber("closedUnmergedThisWeek", fleet.ClosedUnmergedThisWeek);
        w.WriteStartArray("baseImages");
        foreach (var image in fleet.BaseImages)
        {
            w.WriteStartObject();
            w.WriteString("image", image.Image);
            w.WriteNumber("repositories", image.Repositories);
            Strings(w, "tags", image.Tags);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Repository(Utf8JsonWriter w, RepositoryDigest repository, DateTimeOffset asOf)
    {
        w.WriteStartObject();
        w.WriteString("repository", repository.Repository);
        w.WriteString("status", Camel(repository.Status.ToString()));
        Seconds(w, "lagSeconds", repository.Lag);
        if (repository.LastRun is { } lastRun)
        {
            w.WriteString("lastRun", Instant(lastRun));
        }
        else
        {
            w.WriteNull("lastRun");
        }

        w.WriteString("lastError", repository.LastError);
        Strings(w, "skipReasons", repository.SkipReasons);
        Proposals(w, "open", repository.Open, asOf);
        Proposals(w, "merged", repository.Merged, asOf);
        Proposals(w, "closedUnmerged", repository.ClosedUnmerged, asOf);
        w.WriteEndObject();
    }

    private static void Proposals(Utf8JsonWriter w, string name, IReadOnlyList<ProposalDigest> proposals, DateTimeOffset asOf)
    {
        w.WriteStartArray(name);
        foreach (var p in proposals)
        {
            w.WriteStartObject();
            w.WriteNumber("number", p.Number);
            w.WriteString("url", p.Url);
            w.WriteString("branch", p.Branch);
            w.WriteString("title", p.Title);
            w.WriteString("opened", Instant(p.Opened));
            if (p.Closed is { } closed)
            {
                w.WriteString("closed", Instant(closed));
            }
            else
            {
                w.WriteNull("closed");
            }

            Seconds(w, "ageSeconds", p.AgeAt(asOf));
            w.WriteString("build", Camel(p.Build.ToString()));
            Counts(w, "wouldFix", p.WouldFix);
            Counts(w, "introduces", p.Introduces);
            Strings(w, "images", p.Images);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Security(Utf8JsonWriter w, SecuritySummary security)
    {
        w.WriteStartObject("security");
        Counts(w, "fixedByMerged", security.FixedByMerged);
        Strings(w, "fixedIds", security.FixedIds);
        Counts(w, "stillExposed", security.StillExposed);
        Counts(w, "newExposure", security.NewExposure);
        w.WriteNumber("evaluatedRepositories", security.EvaluatedRepositories);
        w.WriteEndObject();
    }

    private static void Counts(Utf8JsonWriter w, string name, SeverityCounts counts)
    {
        w.WriteStartObject(name);
        w.WriteNumber("critical", counts.Critical);
        w.WriteNumber("high", counts.High);
        w.WriteNumber("medium", counts.Medium);
        w.WriteNumber("low", counts.Low);
        w.WriteNumber("unknown", counts.Unknown);
        w.WriteNumber("total", counts.Total);
        w.WriteEndObject();
    }

    private static void Seconds(Utf8JsonWriter w, string name, TimeSpan? duration)
    {
        if (duration is not { } d)
        {
            w.WriteNull(name);
        }
        else if (d.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            w.WriteNumber(name, d.Ticks / TimeSpan.TicksPerSecond);
        }
        else
        {
            w.WriteNumber(name, d.Ticks / (decimal)TimeSpan.TicksPerSecond);
        }
    }

    private static void Strings(Utf8JsonWriter w, string name, IReadOnlyList<string> values)
    {
        w.WriteStartArray(name);
        foreach (var value in values)
        {
            w.WriteStringValue(value);
        }

        w.WriteEndArray();
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
