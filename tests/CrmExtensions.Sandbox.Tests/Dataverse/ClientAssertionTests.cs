using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;

namespace CrmExtensions.Sandbox.Tests.Dataverse;

/// <summary>Certificate client assertions as Entra ID documents them, hand-made here (the connector's MSAL path is tested elsewhere).</summary>
public sealed class ClientAssertionTests
{
    [Theory]
    [InlineData("RS256", "x5t")]
    [InlineData("PS256", "x5t#S256")]
    public async Task Token_SignedAssertion_IsAccepted(string alg, string thumbprintHeader)
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, Https = true });
        using var certificate = Certificate();
        sandbox.RegisterClientCertificate(certificate);

        using var response = await RequestAsync(sandbox, Assertion(certificate, alg, thumbprintHeader, sandbox.Credentials.ClientId, sandbox.Credentials.TokenEndpoint.ToString()));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Token_AssertionForOtherAudienceOrUnknownCertificate_IsRefused()
    {
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Scale = 20, Https = true });
        using var registered = Certificate();
        using var stranger = Certificate();
        sandbox.RegisterClientCertificate(registered);

        using var wrongAudience = await RequestAsync(sandbox, Assertion(registered, "RS256", "x5t", sandbox.Credentials.ClientId, "https://login.microsoftonline.com/x/oauth2/v2.0/token"));
        using var unknown = await RequestAsync(sandbox, Assertion(stranger, "RS256", "x5t", sandbox.Credentials.ClientId, sandbox.Credentials.TokenEndpoint.ToString()));

        wrongAudience.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrongAudience.Content.ReadAsStringAsync()).ShouldContain("audience");
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("AADSTS700027");
    }

    private static async Task<HttpResponseMessage> RequestAsync(RunningSandbox sandbox, string assertion)
    {
        var pinned = sandbox.ServerCertificate!.GetCertHashString(HashAlgorithmName.SHA256);
        using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString(HashAlgorithmName.SHA256) == pinned } };
        using var http = new HttpClient(handler);
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = sandbox.Credentials.ClientId,
            ["scope"] = sandbox.Orgs[0].Scope,
            ["client_assertion_type"] = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            ["client_assertion"] = assertion,
        });
        return await http.PostAsync(sandbox.Credentials.TokenEndpoint, form);
    }

    private static X509Certificate2 Certificate()
    {
        using var key = RSA.Create(2048);
        using var made = new CertificateRequest("CN=assertion-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            .CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pkcs12), null);
    }

    private static string Assertion(X509Certificate2 certificate, string alg, string thumbprintHeader, string clientId, string audience)
    {
        var hash = certificate.GetCertHash(thumbprintHeader == "x5t" ? HashAlgorithmName.SHA1 : HashAlgorithmName.SHA256);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object> { ["alg"] = alg, ["typ"] = "JWT", [thumbprintHeader] = Encode(hash) }));
        var claims = Encode(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["aud"] = audience, ["iss"] = clientId, ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString(), ["nbf"] = now, ["exp"] = now + 600, ["iat"] = now,
        }));
        using var key = certificate.GetRSAPrivateKey()!;
        var signature = key.SignData(Encoding.ASCII.GetBytes(header + "." + claims), HashAlgorithmName.SHA256, alg == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1);
        return $"{header}.{claims}.{Encode(signature)}";
    }

    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
