using System.Text.RegularExpressions;
using RefreshBot.Application.Evaluation.Ports;

namespace RefreshBot.Adapters.Docker;

/// <summary>
/// A line of docker CLI output that blames the build host rather than the build: the daemon unreachable
/// (<c>Cannot connect to the Docker daemon</c>, <c>error during connect</c>), the connection lost mid-build
/// (<c>unexpected EOF</c>, <c>connection reset by peer</c>, <c>broken pipe</c> on stderr) or the disk full
/// (<c>no space left on device</c>, wherever it is printed — also by a <c>RUN</c> step: the build host's disk is
/// full whatever wrote to it). <see cref="Line"/> is the line without terminal colour codes.
/// </summary>
internal sealed partial record BuildHostProblem(BuildHostFailure Failure, string Line)
{
    /// <param name="started">The build had begun (a step was printed): an unreachable daemon then went away during it.</param>
    public static BuildHostProblem? Classify(string text, bool isError, bool started)
    {
        var line = Colour().Replace(text, "").Trim();
        if (line.Length == 0)
        {
            return null;
        }

        if (line.Contains("no space left on device", StringComparison.OrdinalIgnoreCase))
        {
            return new BuildHostProblem(BuildHostFailure.DiskFull, line);
        }

        if (!isError)
        {
            return null;
        }

        if (line.Contains("Cannot connect to the Docker daemon", StringComparison.OrdinalIgnoreCase)
            || line.StartsWith("error during connect", StringComparison.OrdinalIgnoreCase))
        {
            return new BuildHostProblem(started ? BuildHostFailure.ConnectionLost : BuildHostFailure.Unreachable, line);
        }

        return line.Equals("unexpected EOF", StringComparison.OrdinalIgnoreCase)
            || line.EndsWith(": EOF", StringComparison.Ordinal)
            || line.Contains("connection reset by peer", StringComparison.OrdinalIgnoreCase)
            || line.Contains("broken pipe", StringComparison.OrdinalIgnoreCase)
            ? new BuildHostProblem(BuildHostFailure.ConnectionLost, line)
            : null;
    }

    /// <summary>The one-line reason of <see cref="BuildHostException"/>.</summary>
    public string Describe(string? dockerHost, string dockerfile)
    {
        var daemon = dockerHost ?? "the default docker socket";
        return Failure switch
        {
            BuildHostFailure.Unreachable => $"Docker daemon unreachable at {daemon} (building {dockerfile}): {Line}",
            BuildHostFailure.ConnectionLost => $"Docker daemon connection lost during the build of {dockerfile} ({daemon}): {Line}",
            _ => $"the build host ran out of disk space (no space left on device) during the build of {dockerfile}, an infrastructure failure, not the new base: {Line}",
        };
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex Colour();
}
