using Microsoft.AspNetCore.Http;

namespace RefreshBot.Testing.Proxy;

/// <summary>How the proxy answers an armed <see cref="ProxyFault"/>.</summary>
public sealed partial class CountingProxy
{
    /// <summary>The body faults: stalled or cut half-way, padded past a limit, or one byte changed.</summary>
    private static async Task WriteFaultyBodyAsync(HttpContext context, ProxyFault fault, byte[] body)
    {
        switch (fault.Mode)
        {
            case ProxyFaultMode.OversizedBody:
                var padded = new byte[Math.Max(fault.Size, body.Length)];
                Array.Fill(padded, (byte)' ');
                body.CopyTo(padded, 0);
                context.Response.ContentLength = padded.Length;
                await context.Response.Body.WriteAsync(padded, context.RequestAborted);
                return;
            case ProxyFaultMode.CorruptBody:
                if (body.Length > 0)
                {
                    body[^1] = body[^1] == (byte)' ' ? (byte)'\n' : (byte)' ';
                }

                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
                return;
            default:
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
                if (fault.Mode == ProxyFaultMode.TruncateBody)
                {
                    // let the client take the headers and the first half before the connection goes
                    await Task.Delay(TimeSpan.FromMilliseconds(200), context.RequestAborted);
                    context.Abort();
                    return;
                }

                await StallAsync(context);
                return;
        }
    }

    /// <summary>Sends nothing more until the client hangs up (or the proxy stops).</summary>
    private static async Task StallAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            context.Abort();
        }
    }

    private static async Task WriteFaultAsync(HttpContext context, ProxyFault fault)
    {
        if (fault.Mode == ProxyFaultMode.StallHeaders)
        {
            await StallAsync(context);
            return;
        }

        context.Response.StatusCode = fault.Status;
        if (fault.RetryAfter is not null)
        {
            context.Response.Headers.RetryAfter = fault.RetryAfter;
        }

        foreach (var (name, value) in fault.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        if (fault.Mode == ProxyFaultMode.StallErrorBody)
        {
            context.Response.ContentType = "application/json";
            await WriteFaultyBodyAsync(context, fault, System.Text.Encoding.UTF8.GetBytes(fault.Body ?? "{}"));
            return;
        }

        if (fault.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(fault.Body, context.RequestAborted);
        }
    }
}
