using RefreshBot.Domain.Packages;

namespace RefreshBot.Domain.Tests.Packages;

public sealed class OsReleaseParserTests
{
    [Fact]
    public void Reads_quoted_escaped_and_plain_values()
    {
        var os = OsReleaseParser.Parse("""
            # comment
            NAME="Ubuntu"
            ID=ubuntu
            ID_LIKE="debian  rhel"
            VERSION_ID='22.04'
            VERSION_CODENAME=jammy
            PRETTY_NAME="Say \"hi\" \$HOME \\ \`x\`"
            """);

        Assert.NotNull(os);
        Assert.Equal("ubuntu", os.Id);
        Assert.Equal("22.04", os.VersionId);
        Assert.Equal("jammy", os.VersionCodename);
        Assert.Equal(["debian", "rhel"], os.IdLike);
        Assert.Equal("Say \"hi\" $HOME \\ `x`", os.PrettyName);
    }

    [Fact]
    public void Single_quotes_are_literal_and_unquoted_backslash_escapes()
    {
        var fields = OsReleaseParser.ParseFields("A='a\\\"b'\nB=x\\ y\nC=\"q\"'r'\r\nD=\"\\n\"");

        Assert.Equal("a\\\"b", fields["A"]);
        Assert.Equal("x y", fields["B"]);
        Assert.Equal("qr", fields["C"]);
        Assert.Equal("\\n", fields["D"]); // only $ " \ ` are escapable inside double quotes
    }

    [Fact]
    public void Malformed_lines_are_ignored_and_last_assignment_wins()
    {
        var fields = OsReleaseParser.ParseFields("garbage line\nBAD KEY=1\n=2\nID=\"open\nID=alpine\nID=debian\n");

        Assert.Equal(["ID"], fields.Keys);
        Assert.Equal("debian", fields["ID"]);
    }

    [Fact]
    public void Missing_id_defaults_to_linux_and_empty_values_are_absent()
    {
        var os = OsReleaseParser.Parse("VERSION_ID=\nVERSION_CODENAME=bookworm");

        Assert.NotNull(os);
        Assert.Equal("linux", os.Id);
        Assert.Null(os.VersionId);
        Assert.Equal("bookworm", os.VersionCodename);
        Assert.Empty(os.IdLike);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n# only a comment\n")]
    [InlineData("\u0000\u0001\u00ff binary")]
    public void No_assignment_means_no_os(string text) => Assert.Null(OsReleaseParser.Parse(text));

    [Fact]
    public void Overlong_values_are_dropped()
    {
        var fields = OsReleaseParser.ParseFields($"ID=debian\nPRETTY_NAME=\"{new string('x', 100_000)}\"");

        Assert.Equal(["ID"], fields.Keys);
    }
}
