using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Storage;

/// <summary>Registered model versions per org and name, with at most one champion each.</summary>
public interface IModelRegistry
{
    /// <summary>
    /// Registers a new version (the registry assigns the number) with its artifact. Registering it as champion
    /// retires the previous champion in the same transaction.
    /// </summary>
    Task<RegisteredModel> RegisterAsync(RegisteredModel model, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default);

    /// <summary>All versions of an org's models (of one name when given), newest first.</summary>
    Task<IReadOnlyList<RegisteredModel>> ListAsync(OrgId org, string? name = null, CancellationToken cancellationToken = default);

    /// <summary>Makes a version the champion, retiring the current one, atomically; throws when the version does not exist.</summary>
    Task PromoteAsync(OrgId org, string name, int version, string reason, CancellationToken cancellationToken = default);

    /// <summary>The artifact (model zip) of a version.</summary>
    Task<byte[]> ReadArtifactAsync(OrgId org, string name, int version, CancellationToken cancellationToken = default);
}
