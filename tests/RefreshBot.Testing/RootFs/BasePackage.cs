namespace RefreshBot.Testing.RootFs;

/// <summary>
/// An OS package written into a base image's package database: binary name and version, and the source package
/// (with its version when it differs from the binary's), as dpkg's <c>Source:</c> or apk's <c>o:</c> (origin).
/// </summary>
public sealed record BasePackage(string Name, string Version, string? Source = null, string? SourceVersion = null);
