using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RefreshBot.Application.Check;
using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Host.Output;

/// <summary>
/// The JSON contract of <c>check --format json</c> (camelCase, every field present, null when unknown):
/// <code>
/// {"dockerfiles":[{"path":"services/api/Dockerfile","images":[
///   {"line":3,"instruction":"FROM","stage":"build","reference":"registry.example/team/base:1@sha256:…",
///    "image":"registry.example/team/base","tag":"1","platform":"linux/amd64",
///    "pinnedDigest":"sha256:…","currentDigest":"sha256:…","platformDigest":"sha256:…","indexOnly":false,
///    "status":"up-to-date|outdated|unpinned|skipped|error","reason":null,"previousDigest":null,"drifted":false}],
///   "diagnostics":[{"line":7,"severity":"error|warning","message":"…"}]}],
///  "summary":{"dockerfiles":1,"images":1,"upToDate":1,"outdated":0,"unpinned":0,"skipped":0,"error":0}}
/// </code>
/// </summary>
public sealed class JsonReportWriter : IReportWriter
{
    public async Task WriteAsync(CheckReport report, TextWriter output, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartArray("dockerfiles");
            foreach (var dockerfile in report.Dockerfiles)
            {
                WriteDockerfile(json, dockerfile);
            }

            json.WriteEndArray();
            WriteSummary(json, report);
            json.WriteEndObject();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()).AsMemory(), cancellationToken).ConfigureAwait(false);
    }

    private static void WriteDockerfile(Utf8JsonWriter json, DockerfileResult dockerfile)
    {
        json.WriteStartObject();
        json.WriteString("path", dockerfile.Path);
        json.WriteStartArray("images");
        foreach (var image in dockerfile.Images)
        {
            WriteImage(json, image);
        }

        json.WriteEndArray();
        json.WriteStartArray("diagnostics");
        foreach (var diagnostic in dockerfile.Diagnostics)
        {
            json.WriteStartObject();
            json.WriteNumber("line", diagnostic.Line);
            json.WriteString("severity", diagnostic.Severity == DiagnosticSeverity.Warning ? "warning" : "error");
            json.WriteString("message", diagnostic.Message);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteImage(Utf8JsonWriter json, ImageResult image)
    {
        var verdict = image.Freshness;
        json.WriteStartObject();
        json.WriteNumber("line", image.Line);
        json.WriteString("instruction", ReportNames.Instruction(image.Instruction));
        json.WriteString("stage", image.Stage);
        json.WriteString("reference", image.Reference);
        json.WriteString("image", image.Image);
        json.WriteString("tag", image.Tag);
        json.WriteString("platform", image.Platform);
        json.WriteString("pinnedDigest", verdict.PinnedDigest?.ToString());
        json.WriteString("currentDigest", verdict.CurrentDigest?.ToString());
        json.WriteString("platformDigest", verdict.PlatformDigest?.ToString());
        json.WriteBoolean("indexOnly", verdict.IndexOnly);
        json.WriteString("status", ReportNames.Status(verdict.Status));
        json.WriteString("reason", verdict.Reason);
        json.WriteString("previousDigest", image.DriftedFrom?.Digest);
        json.WriteBoolean("drifted", image.DriftedFrom is not null);
        json.WriteEndObject();
    }

    private static void WriteSummary(Utf8JsonWriter json, CheckReport report)
    {
        json.WriteStartObject("summary");
        json.WriteNumber("dockerfiles", report.Dockerfiles.Count);
        json.WriteNumber("images", report.Images.Count());
        json.WriteNumber("upToDate", report.Count(FreshnessStatus.UpToDate));
        json.WriteNumber("outdated", report.Count(FreshnessStatus.Outdated));
        json.WriteNumber("unpinned", report.Count(FreshnessStatus.Unpinned));
        json.WriteNumber("skipped", report.Count(FreshnessStatus.Skipped));
        json.WriteNumber("error", report.Count(FreshnessStatus.Error));
        json.WriteEndObject();
    }
}
