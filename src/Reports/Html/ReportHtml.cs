using CrmExtensions.Reports.Data;

namespace CrmExtensions.Reports.Html;

/// <summary>Renders the report pages as self-contained HTML: inline CSS and SVG, no script, nothing fetched.</summary>
public static class ReportHtml
{
    /// <summary>One page, with links to the others relative to where it is served.</summary>
    public static string Page(ReportData data, ReportPage page)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Layout.Document($"CrmExtensions — {page}", page, singleFile: false, data.ReadAt, Body(data, page));
    }

    /// <summary>All pages in one file (sections linked by anchors), for <c>crmx report --out</c>.</summary>
    public static string SingleFile(ReportData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Layout.Document("CrmExtensions report", null, singleFile: true, data.ReadAt,
            string.Concat(Enum.GetValues<ReportPage>().Select(page => Body(data, page))));
    }

    private static string Body(ReportData data, ReportPage page) => page switch
    {
        ReportPage.Models => ModelsHtml.Body(data),
        ReportPage.Segments => SegmentsHtml.Body(data),
        _ => OverviewHtml.Body(data),
    };
}
