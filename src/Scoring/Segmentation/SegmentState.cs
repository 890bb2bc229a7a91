using System.Text.Json;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>Reads and writes segment definitions as JSON between trainings.</summary>
internal static class SegmentState
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true };

    public static async Task<IReadOnlyList<SegmentDefinition>?> LoadAsync(string? path, CancellationToken ct)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<SegmentDefinition[]>(stream, Json, ct)
            ?? throw new JsonException("The segment state file is empty.");
    }

    public static async Task SaveAsync(string path, IReadOnlyList<SegmentDefinition> definitions, CancellationToken ct)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, definitions, Json, ct);
    }
}
