using Microsoft.Data.Sqlite;
using RefreshBot.Adapters.Packages;
using RefreshBot.Domain.Packages;

namespace RefreshBot.Integration.Tests.Packages;

/// <summary>The rpm SQLite reader against databases written by the real rpm (4.18, Debian).</summary>
public sealed class RpmSqliteDatabaseTests(RpmDatabaseFixture rpm) : IClassFixture<RpmDatabaseFixture>
{
    [Fact]
    public void Reads_what_rpm_itself_reports()
    {
        var read = RpmSqliteDatabase.Read(rpm.CopyDatabase());

        Assert.Empty(read.Problems);
        Assert.Equal(
            [
                new InstalledPackage("refreshbot-demo", "2:1.2.3-4.el9", PackageFormat.Rpm, null, null, "x86_64"),
                new InstalledPackage("refreshbot-demo-libs", "2:1.2.3-4.el9", PackageFormat.Rpm, "refreshbot-demo", null, "x86_64"),
                new InstalledPackage("refreshbot-plain", "0.9-1", PackageFormat.Rpm, null, null, "noarch"),
            ],
            read.Packages.OrderBy(p => p.Name, StringComparer.Ordinal));

        // The same facts through rpm's own query of the same database.
        Assert.Equal(
            rpm.RpmQueryLines,
            read.Packages.Select(p => $"{p.Name} {p.Version} {p.Architecture} {p.SourceName ?? p.Name}-{p.Version[(p.Version.IndexOf(':') + 1)..]}.src.rpm")
                .Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Leaves_no_journal_files_next_to_the_copy()
    {
        var copy = rpm.CopyDatabase();

        RpmSqliteDatabase.Read(copy);

        Assert.Equal(["rpmdb.sqlite"], Directory.GetFiles(Path.GetDirectoryName(copy)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Feeds_the_inventory_builder()
    {
        var inventory = PackageInventoryBuilder.Build(
            [new PackageDatabaseFile("etc/os-release", "ID=rocky\nVERSION_ID=\"9.4\"\nID_LIKE=\"rhel centos fedora\""u8.ToArray())],
            RpmSqliteDatabase.Read(rpm.CopyDatabase()));

        Assert.Equal("rocky", inventory.Os?.Id);
        Assert.Equal(["rhel", "centos", "fedora"], inventory.Os?.IdLike);
        Assert.Equal(["refreshbot-demo", "refreshbot-demo-libs", "refreshbot-plain"], inventory.Packages.Select(p => p.Name));
        Assert.Empty(inventory.Problems);
    }

    [Fact]
    public void Bad_headers_are_reported_and_good_ones_kept()
    {
        var copy = rpm.CopyDatabase();
        using (var connection = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            connection.Open();
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Packages (blob) VALUES (x'00000001'), (zeroblob(70000)), (randomblob(5000))";
            insert.ExecuteNonQuery();
        }

        var read = RpmSqliteDatabase.Read(copy, new PackageInventoryLimits { MaxRpmHeaderBytes = 65536 });

        Assert.Equal(3, read.Packages.Count);
        Assert.Equal(3, read.Problems.Count);
        Assert.All(read.Problems, p => Assert.StartsWith("rpmdb.sqlite: header ", p, StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.EndsWith("70000 bytes is more than the 65536-byte limit", StringComparison.Ordinal));
        Assert.Contains(read.Problems, p => p.EndsWith("header of 4 bytes is truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void A_truncated_database_is_a_problem_not_an_exception()
    {
        var copy = rpm.CopyDatabase();
        var bytes = File.ReadAllBytes(copy);
        File.WriteAllBytes(copy, bytes[..(bytes.Length / 3)]);

        var read = RpmSqliteDatabase.Read(copy);

        Assert.NotEmpty(read.Problems);
        Assert.All(read.Problems, p => Assert.StartsWith("rpmdb.sqlite: ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void Other_files_are_problems()
    {
        var directory = Directory.CreateDirectory(Path.Combine(rpm.Root, "other-" + Guid.NewGuid().ToString("N"))).FullName;
        var garbage = Path.Combine(directory, "garbage");
        File.WriteAllBytes(garbage, [0x00, 0x06, 0x15, 0x61, 1, 2, 3]); // Berkeley DB hash magic, then nothing
        var emptySqlite = Path.Combine(directory, "empty.sqlite");
        using (var connection = new SqliteConnection($"Data Source={emptySqlite};Pooling=False"))
        {
            connection.Open();
            using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Other (x)";
            create.ExecuteNonQuery();
        }

        Assert.Equal(["rpmdb.sqlite: not an SQLite database"], RpmSqliteDatabase.Read(garbage).Problems);
        Assert.Equal(["rpmdb.sqlite: no Packages table: not an rpm database"], RpmSqliteDatabase.Read(emptySqlite).Problems);
        Assert.StartsWith("rpmdb.sqlite: cannot be opened: ", Assert.Single(RpmSqliteDatabase.Read(Path.Combine(directory, "missing")).Problems), StringComparison.Ordinal);
    }
}
