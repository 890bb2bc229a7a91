namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// The permanent names of our Dataverse customisations (docs/install.md). Once a customer has installed, these can
/// never change: columns are named with the publisher's prefix, choice values with its option value prefix, and the
/// solution's unique name is how the next version finds and upgrades the previous one.
/// </summary>
public static class SolutionIdentity
{
    /// <summary>The publisher's unique name.</summary>
    public const string PublisherUniqueName = "crmextensions";

    /// <summary>The publisher's display name.</summary>
    public const string PublisherFriendlyName = "CrmExtensions";

    /// <summary>The customisation prefix every column name starts with (<c>crmx_</c>).</summary>
    public const string Prefix = "crmx";

    /// <summary>The option value prefix: choice values are <c>prefix × 10 000 + n</c> (100 000 000 …).</summary>
    public const int OptionValuePrefix = 10000;

    /// <summary>The unmanaged solution's unique name (dataverse.md §7 solution.xml <c>UniqueName</c>).</summary>
    public const string SolutionUniqueName = "CrmExtensions";

    /// <summary>The solution's display name.</summary>
    public const string SolutionFriendlyName = "CrmExtensions";

    /// <summary>The solution version the installer writes; bumped when the catalogue changes.</summary>
    public const string SolutionVersion = "1.0.0.0";

    /// <summary>The runtime application user's security role (found by this name in the root business unit).</summary>
    public const string RuntimeRoleName = "CrmExtensions runtime";

    /// <summary>
    /// The role's id, the same through <c>crmx install</c> (sent on create) and the solution zip (<c>Role id</c>, root
    /// component type 20), so either path upgrades the other's role.
    /// </summary>
    public static readonly Guid RuntimeRoleId = new("edcbf50d-4a2b-4d75-9106-74cbb290048a");

    /// <summary>
    /// Privileges not tied to a table that the runtime needs to discover tables and columns (EntityDefinitions): read on
    /// table, column, choice and relationship definitions. The same four appear in Microsoft's published role for an
    /// application user (Dynamics 365 Marketing, "Finalizing registrations for paid events").
    /// </summary>
    public static readonly IReadOnlyList<string> MetadataPrivileges = ["prvReadEntity", "prvReadAttribute", "prvReadOptionSet", "prvReadRelationship"];

    /// <summary>Language of the labels we write (English, 1033); other languages are left to the admin.</summary>
    public const int LanguageCode = 1033;
}
