using System.Text;

namespace RefreshBot.Testing.RootFs;

/// <summary>The text of package databases as dpkg and apk write them, for the packages given (in that order).</summary>
public static class PackageDatabases
{
    /// <summary><c>var/lib/dpkg/status</c>: one paragraph per package, blank-line separated.</summary>
    public static string DpkgStatus(IEnumerable<BasePackage> packages, string architecture = "amd64")
    {
        var text = new StringBuilder();
        foreach (var package in packages)
        {
            text.Append("Package: ").Append(package.Name).Append('\n');
            text.Append("Status: install ok installed\n");
            text.Append("Priority: optional\n");
            text.Append("Section: misc\n");
            text.Append("Installed-Size: 100\n");
            text.Append("Maintainer: RefreshBot Tests <tests@refreshbot.invalid>\n");
            text.Append("Architecture: ").Append(architecture).Append('\n');
            if (package.Source is not null)
            {
                text.Append("Source: ").Append(package.Source);
                if (package.SourceVersion is not null)
                {
                    text.Append(" (").Append(package.SourceVersion).Append(')');
                }

                text.Append('\n');
            }

            text.Append("Version: ").Append(package.Version).Append('\n');
            text.Append("Description: test package ").Append(package.Name).Append('\n');
            text.Append(" Written by RefreshBot's tests.\n");
            text.Append('\n');
        }

        return text.ToString();
    }

    /// <summary><c>lib/apk/db/installed</c>: one record per package (<c>P:</c>, <c>V:</c>, <c>o:</c> …), blank-line separated.</summary>
    public static string ApkInstalled(IEnumerable<BasePackage> packages, string architecture = "x86_64")
    {
        var text = new StringBuilder();
        foreach (var package in packages)
        {
            text.Append("C:Q1").Append(Convert.ToBase64String(System.Security.Cryptography.SHA1.HashData(Encoding.UTF8.GetBytes(package.Name + package.Version)))).Append('\n');
            text.Append("P:").Append(package.Name).Append('\n');
            text.Append("V:").Append(package.Version).Append('\n');
            text.Append("A:").Append(architecture).Append('\n');
            text.Append("S:1000\n");
            text.Append("I:4096\n");
            text.Append("T:test package ").Append(package.Name).Append('\n');
            text.Append("U:https://refreshbot.invalid/\n");
            text.Append("L:MIT\n");
            text.Append("o:").Append(package.Source ?? package.Name).Append('\n');
            text.Append("m:RefreshBot Tests <tests@refreshbot.invalid>\n");
            text.Append("t:1700000000\n");
            text.Append('\n');
        }

        return text.ToString();
    }
}
