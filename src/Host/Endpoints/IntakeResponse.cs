namespace CrmExtensions.Host.Endpoints;

/// <summary>What to answer the sender.</summary>
public sealed record IntakeResponse(int StatusCode, string ContentType, string Body)
{
    public static IntakeResponse Json(int status, string body) => new(status, "application/json", body);
}
