namespace RefreshBot.Adapters.Layers.Reading;

/// <summary>A layer that cannot be read safely or completely: over a limit, truncated, malformed, unsupported.</summary>
internal sealed class LayerReadException(string message, Exception? inner = null) : Exception(message, inner);
