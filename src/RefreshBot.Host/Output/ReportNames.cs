using RefreshBot.Domain.Detection;
using RefreshBot.Domain.Dockerfiles;

namespace RefreshBot.Host.Output;

/// <summary>The words reports use for statuses and instructions (part of the JSON contract).</summary>
public static class ReportNames
{
    public static string Status(FreshnessStatus status) => status switch
    {
        FreshnessStatus.UpToDate => "up-to-date",
        FreshnessStatus.Outdated => "outdated",
        FreshnessStatus.Unpinned => "unpinned",
        FreshnessStatus.Skipped => "skipped",
        _ => "error",
    };

    public static string Instruction(ImageInstruction instruction) => instruction switch
    {
        ImageInstruction.CopyFrom => "COPY",
        ImageInstruction.RunMountFrom => "RUN",
        _ => "FROM",
    };
}
