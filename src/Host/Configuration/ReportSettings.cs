namespace CrmExtensions.Host.Configuration;

/// <summary>
/// The model report pages at <c>/</c>, <c>/models</c> and <c>/segments</c> (<c>Crmx:Host:Reports</c>): local requests
/// only unless <see cref="AllowRemote"/> is set, which a deployment does only with its own authentication in front.
/// </summary>
public sealed class ReportSettings
{
    /// <summary>Serve the pages at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Serve the pages to other machines (the pages show model figures and error reasons).</summary>
    public bool AllowRemote { get; set; }
}
