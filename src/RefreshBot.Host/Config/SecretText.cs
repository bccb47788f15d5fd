namespace RefreshBot.Host.Config;

/// <summary>A secret value that never prints itself.</summary>
public sealed class SecretText(string value)
{
    public string Reveal() => value;

    public override string ToString() => "***";
}
