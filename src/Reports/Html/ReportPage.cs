namespace CrmExtensions.Reports.Html;

/// <summary>The pages of the report.</summary>
public enum ReportPage
{
    /// <summary>Runs, records, API calls and write-back outcomes per org.</summary>
    Overview,

    /// <summary>Model versions, hold-out metrics and charts.</summary>
    Models,

    /// <summary>Segments with sizes and profiles.</summary>
    Segments,
}
