using RefreshBot.Domain.Packages;

namespace RefreshBot.Adapters.Layers.Inventory;

/// <summary>
/// Turns the collected package-database files into a <see cref="PackageInventory"/> with the Domain's
/// <see cref="PackageInventoryBuilder"/>. Files go in under the path they are read from (etc/os-release even
/// when it is a link to usr/lib/os-release); the layer reader's problems come first.
/// </summary>
internal static class ImageFilesInventory
{
    public static PackageInventory From(ImageFiles files)
    {
        var databases = new List<PackageDatabaseFile>();
        if (files.OsRelease is { } os)
        {
            databases.Add(new PackageDatabaseFile("etc/os-release", os.Content));
        }

        if (files.DpkgStatus is { } dpkg)
        {
            databases.Add(new PackageDatabaseFile("var/lib/dpkg/status", dpkg.Content));
        }

        if (files.ApkInstalled is { } apk)
        {
            databases.Add(new PackageDatabaseFile("lib/apk/db/installed", apk.Content));
        }

        databases.AddRange(files.DpkgStatusParts.Select(p => new PackageDatabaseFile(p.Path, p.Content)));
        return PackageInventoryBuilder.Build(databases, files.Rpm?.Read, files.Problems);
    }
}
