using RefreshBot.Host.Cli;
using RefreshBot.Host.Logging;

Serilog.Log.Logger = CliLogging.CreateBootstrapLogger();
try
{
    return await RefreshBotCli.RunAsync(args, Console.Out, Console.Error);
}
finally
{
    await Serilog.Log.CloseAndFlushAsync();
}
