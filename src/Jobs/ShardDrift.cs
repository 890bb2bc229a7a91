using System.Text.Json;
using CrmExtensions.Scoring.Drift;

namespace CrmExtensions.Jobs;

/// <summary>What one shard of a sharded score run measured for drift: the version that scored, the rows, the bin counts.</summary>
/// <param name="Version">The champion version that scored the shard.</param>
/// <param name="Rows">Rows scored.</param>
/// <param name="Counts">The drift meter's bin counts.</param>
public sealed record ShardDrift(int Version, long Rows, DriftCounts Counts)
{
    /// <summary>The shard's result as stored with the shard (JSON); null when the run scored nothing or had no champion.</summary>
    public static string? ToJson(ScoreJobResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result is { ChampionVersion: { } version, DriftCounts: { } counts }
            ? JsonSerializer.Serialize(new ShardDrift(version, result.Scored, counts))
            : null;
    }

    /// <summary>Reads a stored shard result; null for none.</summary>
    public static ShardDrift? FromJson(string? json) => json is null ? null : JsonSerializer.Deserialize<ShardDrift>(json);
}
