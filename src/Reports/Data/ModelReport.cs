using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Reports.Data;

/// <summary>One model of one org: all its versions and the one the charts describe.</summary>
/// <param name="Org">The org.</param>
/// <param name="Name">The model name.</param>
/// <param name="Versions">Every version, newest first.</param>
/// <param name="Shown">The champion, or the newest version when there is no champion.</param>
/// <param name="Details">The curves and tables stored with <paramref name="Shown"/>'s metrics.</param>
public sealed record ModelReport(OrgId Org, string Name, IReadOnlyList<RegisteredModel> Versions, RegisteredModel Shown, MetricsDetails Details);
