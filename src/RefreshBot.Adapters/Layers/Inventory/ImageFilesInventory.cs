using RefreshBot.Domain.Packages;

namespace RefreshBot.Adapters.Layers.Inventory;

/// <summary>
/// Turns the collected package-database files into a <see cref="PackageInventory"/>.
/// STUB until the Domain/Packages parsers land (wip/i4-packages): no packages, os-release not parsed;
/// the layer mechanics are tested on <see cref="ImageFiles"/> directly.
/// </summary>
internal static class ImageFilesInventory
{
    public static PackageInventory From(ImageFiles files) =>
        new(null, [], [.. files.Problems, "package databases were collected but not parsed (parsers not wired in yet)"]);
}
