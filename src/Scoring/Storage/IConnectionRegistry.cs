using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>
/// Which org each configured connection reached. A connection bound to one org that later reaches another
/// (a URL repointed at a UAT copy) is refused, so data of two orgs never mixes under one name.
/// </summary>
public interface IConnectionRegistry
{
    /// <summary>The org a connection was bound to, or null when it never connected.</summary>
    Task<OrgId?> GetOrgAsync(string connection, CancellationToken cancellationToken = default);

    /// <summary>Binds a connection to the org it reached; throws <see cref="OrgMismatchException"/> if it was bound to another.</summary>
    Task BindAsync(string connection, string kind, string url, OrgId org, CancellationToken cancellationToken = default);
}
