using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CrmExtensions.Sandbox;

namespace CrmExtensions.Connectors.Dataverse.Tests;

/// <summary>The sandbox over HTTPS (MSAL accepts only https authorities), and a transport that trusts exactly its certificate.</summary>
internal static class HttpsSandbox
{
    public static Task<RunningSandbox> StartAsync(int scale = 50, TimeSpan? tokenLifetime = null) =>
        SandboxServer.StartAsync(new SandboxOptions { Port = 0, Scale = scale, Https = true, TokenLifetime = tokenLifetime ?? TimeSpan.FromSeconds(3599) });

    /// <summary>Pins the sandbox's self-signed server certificate; anything else fails TLS.</summary>
    public static SocketsHttpHandler PinnedTransport(RunningSandbox sandbox)
    {
        var expected = sandbox.ServerCertificate!.GetCertHashString(HashAlgorithmName.SHA256);
        return new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetCertHashString(HashAlgorithmName.SHA256) == expected },
        };
    }

    /// <summary>A self-signed RSA client certificate, as `New-SelfSignedCertificate` or openssl would make for an app registration.</summary>
    public static X509Certificate2 ClientCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=crmx-test-client", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
