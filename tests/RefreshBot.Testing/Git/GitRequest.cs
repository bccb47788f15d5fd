namespace RefreshBot.Testing.Git;

/// <summary>One request the <see cref="GitHttpServer"/> saw.</summary>
/// <param name="Path">Path below the server root, e.g. <c>/team/app.git/info/refs</c>.</param>
/// <param name="User">Authenticated user, or null when the request was refused or anonymous.</param>
/// <param name="Service">git-upload-pack (fetch/clone) or git-receive-pack (push), when known.</param>
/// <param name="Status">Status code answered.</param>
public sealed record GitRequest(string Method, string Path, string? User, string? Service, int Status)
{
    public bool IsFetch => Service == GitService.UploadPack;

    public bool IsPush => Service == GitService.ReceivePack;
}

/// <summary>The two smart HTTP services.</summary>
public static class GitService
{
    public const string UploadPack = "git-upload-pack";
    public const string ReceivePack = "git-receive-pack";

    /// <summary>The service a request belongs to: from <c>?service=</c> or from the path's last segment.</summary>
    public static string? Of(string path, string? serviceQuery)
    {
        if (serviceQuery is UploadPack or ReceivePack)
        {
            return serviceQuery;
        }

        return path.EndsWith("/" + UploadPack, StringComparison.Ordinal) ? UploadPack
            : path.EndsWith("/" + ReceivePack, StringComparison.Ordinal) ? ReceivePack
            : null;
    }
}
