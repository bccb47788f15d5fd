namespace RefreshBot.Testing.RootFs;

/// <summary>
/// Debian's static busybox (package <c>busybox-static</c>, installed by scripts/test.sh) as the userland of test
/// base images: <c>/bin/busybox</c> plus applet symlinks. Fails loudly when it is missing or dynamically linked
/// (a dynamic busybox would not run in an image without a libc).
/// </summary>
public static class Busybox
{
    public const string HostPath = "/bin/busybox";

    /// <summary>Applets linked into <c>/bin</c>: a shell and what Dockerfiles in tests use (not wget: the static one crashes here; use nc).</summary>
    public static readonly IReadOnlyList<string> Applets =
    [
        "sh", "ash", "echo", "cat", "env", "sleep", "nc", "ls", "true", "false", "printf", "head", "tail",
        "dd", "mkdir", "rm", "cp", "mv", "touch", "id", "grep", "sed", "tr", "wc", "test", "uname", "chmod", "ln",
        "seq", "sort", "cut", "awk", "find", "xargs", "tee", "date", "ps", "kill", "hostname", "yes", "base64",
    ];

    /// <summary>Adds <c>bin/busybox</c>, the applet links and <c>tmp</c> to <paramref name="tree"/>.</summary>
    public static RootFsTree AddTo(RootFsTree tree)
    {
        tree.File("bin/busybox", ReadStaticBinary(), RootFsTree.Modes.Executable);
        foreach (var applet in Applets)
        {
            tree.Symlink("bin/" + applet, "busybox");
        }

        return tree.Directory("tmp", RootFsTree.Modes.StickyTemp).Directory("root").Directory("usr/bin").Directory("sbin");
    }

    private static byte[] ReadStaticBinary()
    {
        if (!File.Exists(HostPath))
        {
            throw new InvalidOperationException(
                $"{HostPath} is missing: install Debian's busybox-static (scripts/test.sh does) to build test base images");
        }

        var binary = File.ReadAllBytes(HostPath);
        if (HasInterpreter(binary))
        {
            throw new InvalidOperationException(
                $"{HostPath} is dynamically linked: install Debian's busybox-static instead of busybox (scripts/test.sh does)");
        }

        return binary;
    }

    // An ELF64 little-endian executable with a PT_INTERP program header needs a dynamic loader.
    private static bool HasInterpreter(byte[] elf)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F' || elf[4] != 2)
        {
            throw new InvalidOperationException($"{HostPath} is not a 64-bit ELF executable");
        }

        var programHeaders = (long)BitConverter.ToUInt64(elf, 0x20);
        var entrySize = BitConverter.ToUInt16(elf, 0x36);
        var count = BitConverter.ToUInt16(elf, 0x38);
        for (var i = 0; i < count; i++)
        {
            var offset = programHeaders + ((long)i * entrySize);
            if (offset + 4 <= elf.Length && BitConverter.ToUInt32(elf, (int)offset) == 3)
            {
                return true;
            }
        }

        return false;
    }
}
