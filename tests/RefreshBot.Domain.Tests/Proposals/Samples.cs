using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.Proposals;

/// <summary>Readable proposal fixtures.</summary>
internal static class Samples
{
    public static readonly Digest NodeOld = Digest.Parse("sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899");
    public static readonly Digest NodeNew = Digest.Parse("sha256:9f8e7d6c5b4a99887766554433221100ffeeddccbbaa99887766554433221100");
    public static readonly Digest GoNew = Digest.Parse("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    public static readonly DateTimeOffset Seen = new(2026, 11, 2, 15, 5, 0, TimeSpan.FromHours(1));

    public static ProposedUpdate Node(string dockerfile = "services/api/Dockerfile", int line = 3)
        => new(dockerfile, line, "docker.io/library/node", "20-alpine", NodeOld, NodeNew, "linux/amd64", Seen);

    public static ProposedUpdate GoPin(string dockerfile = "Dockerfile", int line = 1)
        => new(dockerfile, line, "docker.io/library/golang", "1.23", null, GoNew, "linux/amd64, linux/arm64");

    public static Proposal InRepository(params ProposedUpdate[] updates)
        => Assert.Single(ProposalGroups.Partition(ProposalGrouping.Repository, updates));
}
