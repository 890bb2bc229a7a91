namespace CrmExtensions.Install.Salesforce;

/// <summary>One generated file, its path relative to the project folder with '/' separators.</summary>
/// <param name="Path">The relative path, e.g. <c>force-app/main/default/objects/Lead/fields/CRMX_Score__c.field-meta.xml</c>.</param>
/// <param name="Content">The text (UTF-8, LF line ends).</param>
/// <param name="HoldsKey">True when the content carries the webhook key (the outbound messages' endpoint URL).</param>
public sealed record ProjectFile(string Path, string Content, bool HoldsKey = false)
{
    /// <summary>Shows the path only: the content may hold the key.</summary>
    public override string ToString() => Path;
}
