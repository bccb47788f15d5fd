using RefreshBot.Application.Ports;

namespace RefreshBot.Adapters.Layers.Reading;

/// <summary>What to say about an exception raised while reading untrusted layer bytes.</summary>
internal static class LayerFailure
{
    /// <summary>True for failures that mean "this layer is bad or unreachable", not "the process is in trouble".</summary>
    public static bool IsLayerFailure(Exception e) => e is not (OperationCanceledException or OutOfMemoryException);

    public static string Describe(Exception e) => e switch
    {
        LayerReadException or RegistryException => e.Message,
        EndOfStreamException => "unexpected end of data (truncated layer?)",
        _ => $"unreadable ({e.GetType().Name}: {e.Message})",
    };
}
