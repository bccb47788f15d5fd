using RefreshBot.Application.Check;

namespace RefreshBot.Host.Output;

/// <summary>How <c>check</c> prints its report on stdout.</summary>
public enum ReportFormat
{
    Table,
    Json,
}

/// <summary>Writes a check report in one format.</summary>
public interface IReportWriter
{
    Task WriteAsync(CheckReport report, TextWriter output, CancellationToken cancellationToken);
}

public static class ReportWriters
{
    public static IReportWriter For(ReportFormat format) => format switch
    {
        ReportFormat.Json => new JsonReportWriter(),
        _ => new TableReportWriter(),
    };
}
