using RefreshBot.Application.Refresh.Scanning;

namespace RefreshBot.Domain.Tests.Refresh;

public class DockerfileGlobTests
{
    [Theory]
    [InlineData("Dockerfile", "Dockerfile", true)]
    [InlineData("Dockerfile", "api/Dockerfile", false)]
    [InlineData("**/Dockerfile", "Dockerfile", true)]
    [InlineData("**/Dockerfile", "a/b/c/Dockerfile", true)]
    [InlineData("deploy/**/Dockerfile", "deploy/Dockerfile", true)]
    [InlineData("deploy/**/Dockerfile", "deploy/x/y/Dockerfile", true)]
    [InlineData("deploy/**/Dockerfile", "other/deploy/Dockerfile", false)]
    [InlineData("docker/*.build", "docker/app.build", true)]
    [InlineData("docker/*.build", "docker/sub/app.build", false)]
    [InlineData("./images/app?.df", "images/app1.df", true)]
    [InlineData("./images/app?.df", "images/app10.df", false)]
    [InlineData("/ci/Containerfile", "ci/Containerfile", true)]
    [InlineData("a.b/Dockerfile", "aXb/Dockerfile", false)]
    public void Matches_repository_relative_paths(string pattern, string path, bool expected)
    {
        Assert.Equal(expected, DockerfileGlob.Parse(pattern).Matches(path));
    }
}
