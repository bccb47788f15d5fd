using System.Security.Cryptography;
using System.Text;
using Quartz;

namespace RefreshBot.Host.Service.Scheduling;

/// <summary>
/// The names of RefreshBot's jobs and triggers in Quartz's store. A repository's job is <c>refresh.&lt;id&gt;</c>; its
/// triggers: <c>cron:&lt;id&gt;</c> (the schedule), <c>jitter:&lt;id&gt;</c> (the jittered run a cron firing asks for)
/// and <c>soon:&lt;id&gt;</c> (an event's early run). Ids longer than Quartz's columns allow are shortened with a hash.
/// </summary>
public static class ScheduleKeys
{
    public const string RefreshGroup = "refresh";
    public const string SystemGroup = "system";
    public const string CronPrefix = "cron:";
    public const string JitterPrefix = "jitter:";
    public const string SoonPrefix = "soon:";

    /// <summary>Quartz's name columns hold 200 characters; leave room for the prefixes.</summary>
    private const int LongestName = 180;

    public static readonly JobKey VulnerabilityData = new("vulnerability-data", SystemGroup);
    public static readonly JobKey Discovery = new("discovery", SystemGroup);
    public static readonly JobKey WeeklyDigest = new("weekly-digest", SystemGroup);

    public static JobKey Refresh(string repositoryId) => new(Name(repositoryId), RefreshGroup);

    public static TriggerKey Cron(string repositoryId) => new(CronPrefix + Name(repositoryId), RefreshGroup);

    public static TriggerKey Jitter(string repositoryId) => new(JitterPrefix + Name(repositoryId), RefreshGroup);

    public static TriggerKey Soon(string repositoryId) => new(SoonPrefix + Name(repositoryId), RefreshGroup);

    public static TriggerKey SystemCron(JobKey job) => new(CronPrefix + job.Name, SystemGroup);

    private static string Name(string repositoryId)
    {
        if (repositoryId.Length <= LongestName)
        {
            return repositoryId;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(repositoryId)))[..16];
        return repositoryId[..(LongestName - 17)] + "#" + hash;
    }
}
