using RefreshBot.Domain.Proposals;
using RefreshBot.Domain.References;

namespace RefreshBot.Domain.Tests.Proposals;

public sealed class ProposalTextTests
{
    [Fact]
    public void Body_of_a_mixed_proposal_reads_as_expected()
    {
        var proposal = Samples.InRepository(Samples.Node(), Samples.GoPin(), Samples.Node("services/worker/Dockerfile", 12));

        var body = ProposalText.Body(proposal);

        Assert.Equal(
            """
            This pull request updates 2 base image references whose tag now points at a new digest, and pins 1 unpinned base image reference to the digest its tag points at now. Only the digests change: tags and every other character of the files stay as written.

            ### `Dockerfile`

            | Where | Image | Digest | Platform | New digest first seen |
            | --- | --- | --- | --- | --- |
            | `Dockerfile:1` | `golang:1.23` | unpinned → `0123456789ab` | linux/amd64, linux/arm64 | now |

            ### `services/api/Dockerfile`

            | Where | Image | Digest | Platform | New digest first seen |
            | --- | --- | --- | --- | --- |
            | `services/api/Dockerfile:3` | `node:20-alpine` | `1a2b3c4d5e6f` → `9f8e7d6c5b4a` | linux/amd64 | 2026-11-02 14:05 UTC |

            ### `services/worker/Dockerfile`

            | Where | Image | Digest | Platform | New digest first seen |
            | --- | --- | --- | --- | --- |
            | `services/worker/Dockerfile:12` | `node:20-alpine` | `1a2b3c4d5e6f` → `9f8e7d6c5b4a` | linux/amd64 | 2026-11-02 14:05 UTC |

            <details>
            <summary>Full digests</summary>

            | Where | Old digest | New digest |
            | --- | --- | --- |
            | `Dockerfile:1` | unpinned | `sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef` |
            | `services/api/Dockerfile:3` | `sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899` | `sha256:9f8e7d6c5b4a99887766554433221100ffeeddccbbaa99887766554433221100` |
            | `services/worker/Dockerfile:12` | `sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899` | `sha256:9f8e7d6c5b4a99887766554433221100ffeeddccbbaa99887766554433221100` |

            </details>

            ## Build and scan

            _Not run: building and scanning are off for this repository (`build.enabled` in the fleet config, or `build: false` for the repository). Build this branch and run your checks before merging._

            ---

            **What RefreshBot will do**

            - When a newer digest appears, it updates this pull request (the branch `refreshbot/base-images` and this description).
            - If you close this pull request without merging, it stops proposing these digests.
            - If you push commits to `refreshbot/base-images`, it stops rewriting the branch and says so in a comment.

            <!-- refreshbot:state {"version":1,"grouping":"repository","group":"base-images","branch":"refreshbot/base-images","updates":[{"dockerfile":"Dockerfile","line":1,"image":"docker.io/library/golang","tag":"1.23","from":null,"to":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","platform":"linux/amd64, linux/arm64"},{"dockerfile":"services/api/Dockerfile","line":3,"image":"docker.io/library/node","tag":"20-alpine","from":"sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899","to":"sha256:9f8e7d6c5b4a99887766554433221100ffeeddccbbaa99887766554433221100","platform":"linux/amd64","firstSeen":"2026-11-02T14:05:00Z"},{"dockerfile":"services/worker/Dockerfile","line":12,"image":"docker.io/library/node","tag":"20-alpine","from":"sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899","to":"sha256:9f8e7d6c5b4a99887766554433221100ffeeddccbbaa99887766554433221100","platform":"linux/amd64","firstSeen":"2026-11-02T14:05:00Z"}]} -->

            """,
            body);
        Assert.Equal("Refresh base images: golang:1.23, node:20-alpine", ProposalText.Title(proposal));
    }

    [Fact]
    public void Pin_only_proposal_in_image_grouping_with_build_results()
    {
        var proposal = Assert.Single(ProposalGroups.Partition(ProposalGrouping.Image, [Samples.GoPin()]));

        var body = ProposalText.Body(proposal, new BuildScanSection("Old and new image built. **0** new vulnerabilities.\n"));

        Assert.Equal("Pin base images: golang:1.23", ProposalText.Title(proposal));
        Assert.Equal(
            """
            This pull request pins 1 unpinned base image reference to the digest its tag points at now. Only the digests change: tags and every other character of the files stay as written.

            ### `Dockerfile`

            | Where | Image | Digest | Platform | New digest first seen |
            | --- | --- | --- | --- | --- |
            | `Dockerfile:1` | `golang:1.23` | unpinned → `0123456789ab` | linux/amd64, linux/arm64 | now |

            <details>
            <summary>Full digests</summary>

            | Where | Old digest | New digest |
            | --- | --- | --- |
            | `Dockerfile:1` | unpinned | `sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef` |

            </details>

            ## Build and scan

            Old and new image built. **0** new vulnerabilities.

            ---

            **What RefreshBot will do**

            - When a newer digest appears, it updates this pull request (the branch `refreshbot/image/golang` and this description).
            - If you close this pull request without merging, it stops proposing these digests.
            - If you push commits to `refreshbot/image/golang`, it stops rewriting the branch and says so in a comment.

            <!-- refreshbot:state {"version":1,"grouping":"image","group":"golang","branch":"refreshbot/image/golang","updates":[{"dockerfile":"Dockerfile","line":1,"image":"docker.io/library/golang","tag":"1.23","from":null,"to":"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","platform":"linux/amd64, linux/arm64"}]} -->

            """,
            body);
    }

    [Fact]
    public void Pipes_backticks_newlines_and_html_in_paths_cannot_break_the_table()
    {
        var update = Samples.Node("we|ird/`back``tick`/<b>x</b>\nDockerfile", 7) with { Platform = "linux/arm64|<i>" };
        var proposal = Samples.InRepository(update);

        var body = ProposalText.Body(proposal);

        Assert.Contains("### ```we\\|ird/`back``tick`/<b>x</b> Dockerfile```\n", body, StringComparison.Ordinal);
        Assert.Contains("| ```we\\|ird/`back``tick`/<b>x</b> Dockerfile:7``` | `node:20-alpine` | `1a2b3c4d5e6f` → `9f8e7d6c5b4a` | linux/arm64\\|\\<i\\> | 2026-11-02 14:05 UTC |\n", body, StringComparison.Ordinal);
        var row = body.Split('\n').First(l => l.StartsWith("| ```we", StringComparison.Ordinal));
        Assert.Equal(6, row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
        Assert.True(ProposalState.TryRead(body, out var state, out var error), error);
        Assert.Equal(update, Assert.Single(state.Updates));
    }

    [Fact]
    public void Title_lists_each_image_once_and_cuts_the_rest_to_and_n_more()
    {
        var updates = Enumerable.Range(1, 12).Select(i => Samples.Node($"app{i:D2}/Dockerfile") with { Image = $"docker.io/library/img{i:D2}", Tag = "1.0" }).ToList();
        updates.Add(Samples.Node("zzz/Dockerfile") with { Image = "docker.io/library/img01", Tag = "1.0" });

        var title = ProposalText.Title(Samples.InRepository([.. updates]));

        Assert.Equal("Refresh base images: img01:1.0, img02:1.0, img03:1.0 and 9 more", title);
        Assert.True(title.Length <= ProposalText.MaxTitleLength);
    }

    [Fact]
    public void Title_cuts_a_single_very_long_name_with_an_ellipsis()
    {
        var update = Samples.Node() with { Image = "registry.example.com/" + string.Join('/', Enumerable.Repeat("deeply-nested-group", 6)) };

        var title = ProposalText.Title(Samples.InRepository(update));

        Assert.Equal(ProposalText.MaxTitleLength, title.Length);
        Assert.StartsWith("Refresh base images: registry.example.com/deeply-nested-group/", title, StringComparison.Ordinal);
        Assert.EndsWith("…", title, StringComparison.Ordinal);
    }

    [Fact]
    public void Commit_message_has_the_title_and_every_full_digest()
    {
        var message = ProposalText.CommitMessage(Samples.InRepository(Samples.Node(), Samples.GoPin()));

        Assert.Equal(
            """
            Refresh base images: golang:1.23, node:20-alpine

            Dockerfile:1 golang:1.23: unpinned -> sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef (linux/amd64, linux/arm64)
            services/api/Dockerfile:3 node:20-alpine: sha256:1a2b3c4d5e6f00112233445566778899aabbccddeeff00112233445566778899 -> sha256:9f8e7d6c5b4a99887766554433221100ffeeddccbbaa99887766554433221100 (linux/amd64)

            """,
            message);
    }

    [Fact]
    public void Many_updates_stay_under_the_body_limit_and_keep_the_state()
    {
        var updates = Enumerable.Range(1, 120).Select(i => Samples.Node($"services/service-with-a-long-name-{i:D3}/Dockerfile", i)).ToArray();
        var proposal = Samples.InRepository(updates);

        var body = ProposalText.Body(proposal);

        Assert.True(body.Length <= ProposalText.MaxBodyLength, $"{body.Length} characters");
        Assert.DoesNotContain("<details>", body, StringComparison.Ordinal);
        Assert.True(ProposalState.TryRead(body, out var state, out var error), error);
        Assert.Equal(120, state.Updates.Count);
    }

    [Fact]
    public void Short_digest_is_the_first_12_hex_characters()
    {
        Assert.Equal("9f8e7d6c5b4a", ProposalText.Short(Samples.NodeNew));
        Assert.Equal("0123456789ab", ProposalText.Short(Digest.Parse("sha512:" + string.Concat(Enumerable.Repeat("0123456789abcdef", 8)))));
    }
}
