namespace RefreshBot.Host.Cli;

/// <summary>Process exit codes, the same for every verb.</summary>
public static class ExitCodes
{
    /// <summary>The command ran; stale images are a result, not a failure.</summary>
    public const int Success = 0;

    /// <summary>The command could not run: unexpected failure, output not writable, cancelled.</summary>
    public const int Failure = 1;

    /// <summary>Bad command line or bad configuration.</summary>
    public const int UsageOrConfig = 2;
}
