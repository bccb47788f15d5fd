using System.IdentityModel.Tokens.Jwt;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using RefreshBot.Adapters.GitHub.Auth;

namespace RefreshBot.Integration.Tests.GitHub;

public sealed class AppJwtTests
{
    [Fact]
    public void App_jwt_is_RS256_signed_backdated_and_short_lived()
    {
        using var key = RSA.Create(2048);
        var now = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

        var jwt = AppJwt.Create(12345, key, now);

        // Validated by an independent JWT implementation against the public key only.
        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(key.ExportParameters(includePrivateParameters: false)),
            ValidIssuer = "12345",
            ValidateAudience = false,
            LifetimeValidator = (_, _, _, _) => true,
        };
        new JwtSecurityTokenHandler().ValidateToken(jwt, parameters, out var validated);
        var token = (JwtSecurityToken)validated;
        Assert.Equal("RS256", token.Header.Alg);
        Assert.Equal(now.AddSeconds(-60).ToUnixTimeSeconds(), long.Parse(token.Payload["iat"].ToString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(now.AddMinutes(9).ToUnixTimeSeconds(), token.Payload.Expiration);
        Assert.True(token.Payload.Expiration - now.AddSeconds(-60).ToUnixTimeSeconds() <= 600, "GitHub refuses JWTs living over 10 minutes");
    }

    [Fact]
    public void App_jwt_signed_with_another_key_does_not_validate()
    {
        using var key = RSA.Create(2048);
        using var other = RSA.Create(2048);
        var jwt = AppJwt.Create(1, key, DateTimeOffset.UtcNow);

        var parameters = new TokenValidationParameters
        {
            IssuerSigningKey = new RsaSecurityKey(other.ExportParameters(includePrivateParameters: false)),
            ValidIssuer = "1",
            ValidateAudience = false,
        };
        Assert.ThrowsAny<SecurityTokenException>(() => new JwtSecurityTokenHandler().ValidateToken(jwt, parameters, out _));
    }
}
