using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text;

namespace RefreshBot.Integration.Tests.Docker;

/// <summary>Network mode and memory limit of the request apply to the build's containers.</summary>
public sealed class BuildIsolationTests(BuildFixture fixture) : IClassFixture<BuildFixture>
{
    [Fact]
    public async Task Network_none_cuts_the_build_off_from_a_host_the_default_network_reaches()
    {
        var host = Docker0Address();
        using var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var marker = "pong-" + Guid.NewGuid().ToString("N");
        using var stop = new CancellationTokenSource();
        var serving = ServeAsync(listener, marker, stop.Token);
        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            ARG HOST
            ARG PORT
            ARG MODE
            RUN echo "mode $MODE" && nc -w 5 $HOST $PORT
            """);
        var args = new Dictionary<string, string> { ["HOST"] = host, ["PORT"] = port.ToString(CultureInfo.InvariantCulture) };

        var reached = await fixture.BuildAsync(BuildFixture.Request(context, buildArgs: new Dictionary<string, string>(args) { ["MODE"] = "default" }));
        var cut = await fixture.BuildAsync(BuildFixture.Request(context, buildArgs: new Dictionary<string, string>(args) { ["MODE"] = "none" }, network: "none"));
        await stop.CancelAsync();
        listener.Stop();
        await serving;

        Assert.True(reached.Succeeded, reached.LogTail);
        Assert.Contains(marker, reached.LogTail, StringComparison.Ordinal);
        Assert.False(cut.Succeeded, cut.LogTail);
        Assert.DoesNotContain(marker, cut.LogTail, StringComparison.Ordinal);
        Assert.StartsWith("Step 5/6 : RUN echo", cut.FailedStep, StringComparison.Ordinal);
        Assert.Contains("returned a non-zero code", cut.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_memory_limit_applies_to_the_build_containers()
    {
        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            RUN echo "limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes)"
            """);

        var limited = await fixture.BuildAsync(BuildFixture.Request(context, memoryBytes: 96L * 1024 * 1024));

        Assert.True(limited.Succeeded, limited.LogTail);
        Assert.Contains("limit=100663296\n", limited.LogTail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cpu_limit_applies_to_the_build_containers()
    {
        var context = fixture.Context($"""
            FROM {fixture.Debian.Reference}
            RUN echo "cpu=$(cat /sys/fs/cgroup/cpu.max 2>/dev/null || echo "$(cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us) $(cat /sys/fs/cgroup/cpu/cpu.cfs_period_us)")"
            """);

        var limited = await fixture.BuildAsync(BuildFixture.Request(context, cpus: 0.5));
        var unlimited = await fixture.BuildAsync(BuildFixture.Request(context));

        Assert.True(limited.Succeeded, limited.LogTail);
        Assert.Contains("cpu=50000 100000\n", limited.LogTail, StringComparison.Ordinal);
        Assert.True(unlimited.Succeeded, unlimited.LogTail);
        Assert.DoesNotContain("cpu=50000 100000", unlimited.LogTail, StringComparison.Ordinal);
    }

    private static string Docker0Address()
    {
        var docker0 = NetworkInterface.GetAllNetworkInterfaces().SingleOrDefault(n => n.Name == "docker0")
            ?? throw new InvalidOperationException("no docker0 bridge: is dockerd running (scripts/test.sh starts it)?");
        return docker0.GetIPProperties().UnicastAddresses
            .First(a => a.Address.AddressFamily == AddressFamily.InterNetwork).Address.ToString();
    }

    private static async Task ServeAsync(TcpListener listener, string marker, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                using var client = await listener.AcceptTcpClientAsync(cancellationToken);
                await client.GetStream().WriteAsync(Encoding.ASCII.GetBytes(marker + "\n"), cancellationToken);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
