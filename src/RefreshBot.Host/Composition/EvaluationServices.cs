using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RefreshBot.Adapters.Docker;
using RefreshBot.Adapters.Layers;
using RefreshBot.Adapters.Registry;
using RefreshBot.Adapters.Vulnerabilities;
using RefreshBot.Adapters.Vulnerabilities.Scanners;
using RefreshBot.Application.Evaluation;
using RefreshBot.Application.Evaluation.Ports;
using RefreshBot.Application.Ports;
using RefreshBot.Host.Config;

namespace RefreshBot.Host.Composition;

/// <summary>
/// Building and scanning proposals (<c>build:</c>, <c>vulnerabilities:</c>): the docker CLI builder, the layer inspector
/// and the configured OSV source or Trivy/Grype scanner, behind <see cref="ChangeEvaluator"/>. Nothing is registered when building is off.
/// </summary>
public static class EvaluationServices
{
    public static IServiceCollection AddChangeEvaluation(this IServiceCollection services, RefreshBotConfig config)
    {
        if (!config.Build.Enabled)
        {
            return services;
        }

        services.AddSingleton<IImageBuilder>(p => new DockerCliImageBuilder(
            new DockerCliImageBuilderOptions(), p.GetRequiredService<TimeProvider>(), p.GetRequiredService<ILogger<DockerCliImageBuilder>>()));
        services.AddSingleton<IImageInspector>(p => new LayerInspector(
            p.GetRequiredService<IRegistryClient>(), p.GetRequiredService<RegistryClient>(), new LayerInspectorOptions(),
            p.GetRequiredService<ILogger<LayerInspector>>()));
        services.AddSingleton(p => new ChangeEvaluator(
            p.GetRequiredService<IImageBuilder>(),
            p.GetRequiredService<IImageInspector>(),
            VulnerabilitySource(p, config.Vulnerabilities),
            config.Build with { Secrets = Secrets(config) },
            p.GetRequiredService<ILogger<ChangeEvaluator>>(),
            config.Vulnerabilities.Scanner is null ? null : p.GetRequiredService<ScannerJsonSource>()));
        if (config.Vulnerabilities.Scanner is { } scanner)
        {
            services.AddSingleton(p => new ScannerJsonSource(scanner, p.GetRequiredService<ILogger<ScannerJsonSource>>()));
        }

        return services;
    }

    private static IVulnerabilitySource? VulnerabilitySource(IServiceProvider p, VulnerabilitySettings settings)
    {
        if (settings.OsvDirectory is { } directory)
        {
            return new OsvDirectorySource(directory, p.GetRequiredService<ILogger<OsvDirectorySource>>());
        }

        return settings.OsvApi is { } api
            ? new OsvQueryBatchClient(new HttpClient { Timeout = TimeSpan.FromMinutes(2) }, api, p.GetRequiredService<ILogger<OsvQueryBatchClient>>())
            : null;
    }

    /// <summary>Every secret the bot holds, so that none can appear in a kept build log.</summary>
    private static List<string> Secrets(RefreshBotConfig config)
    {
        var secrets = config.Registries.Where(r => r.Password is not null).Select(r => r.Password!.Reveal()).ToList();
        switch (config.GitHub?.Auth)
        {
            case GitHubAuth.Token token:
                secrets.Add(token.Value.Reveal());
                break;
            case GitHubAuth.App app:
                secrets.AddRange(app.PrivateKey.Reveal().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(l => l.Length >= 16));
                break;
        }

        return secrets.Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).ToList();
    }
}
