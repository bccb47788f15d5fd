namespace RefreshBot.Host.Service.Health;

/// <summary>One readiness check's answer: its name, whether it passed, and a short secret-free detail.</summary>
public sealed record ReadinessResult(string Name, bool Ready, string Detail);

/// <summary>A dependency <c>/readyz</c> checks.</summary>
public interface IReadinessCheck
{
    string Name { get; }

    Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken);
}
