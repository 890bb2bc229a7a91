using CrmExtensions.Scoring.Models;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Scoring.Tests.Registry;

/// <summary>A hand-written fake of the registry contract: versions per org and name, one champion each.</summary>
internal sealed class InMemoryModelRegistry : IModelRegistry
{
    private readonly List<(RegisteredModel Model, byte[] Artifact)> _versions = [];

    public Task<RegisteredModel> RegisterAsync(RegisteredModel model, ReadOnlyMemory<byte> artifact, CancellationToken cancellationToken = default)
    {
        var version = _versions.Count(v => v.Model.Org == model.Org && v.Model.Name == model.Name) + 1;
        if (model.Status == ModelStatus.Champion)
        {
            RetireChampion(model.Org, model.Name);
        }

        var stored = model with { Version = version };
        _versions.Add((stored, artifact.ToArray()));
        return Task.FromResult(stored);
    }

    public Task<IReadOnlyList<RegisteredModel>> ListAsync(OrgId org, string? name = null, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<RegisteredModel>>([.. _versions.Select(v => v.Model).Where(m => m.Org == org && (name is null || m.Name == name)).OrderByDescending(m => m.Version)]);

    public Task PromoteAsync(OrgId org, string name, int version, string reason, CancellationToken cancellationToken = default)
    {
        var index = _versions.FindIndex(v => v.Model.Org == org && v.Model.Name == name && v.Model.Version == version);
        if (index < 0)
        {
            throw new InvalidOperationException("no such version");
        }

        RetireChampion(org, name);
        _versions[index] = (_versions[index].Model with { Status = ModelStatus.Champion, StatusReason = reason }, _versions[index].Artifact);
        return Task.CompletedTask;
    }

    public Task<byte[]> ReadArtifactAsync(OrgId org, string name, int version, CancellationToken cancellationToken = default) =>
        Task.FromResult(_versions.Single(v => v.Model.Org == org && v.Model.Name == name && v.Model.Version == version).Artifact);

    private void RetireChampion(OrgId org, string name)
    {
        for (var i = 0; i < _versions.Count; i++)
        {
            var m = _versions[i].Model;
            if (m.Org == org && m.Name == name && m.Status == ModelStatus.Champion)
            {
                _versions[i] = (m with { Status = ModelStatus.Retired }, _versions[i].Artifact);
            }
        }
    }
}
