using System.Text.Json;

namespace CrmExtensions.Scoring.Segmentation;

/// <summary>What a registered segmentation version keeps: the definitions the next training matches against (so names stay stable) and the profiles pages show.</summary>
public sealed record SegmentArtifact(IReadOnlyList<SegmentDefinition> Definitions, IReadOnlyList<SegmentProfile> Profiles)
{
    /// <summary>UTF-8 JSON, as stored in the registry.</summary>
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>Reads a stored artifact; a damaged one is refused with a reason.</summary>
    public static SegmentArtifact FromBytes(ReadOnlySpan<byte> bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<SegmentArtifact>(bytes) ?? throw new InvalidDataException("The segmentation artifact is empty.");
        }
        catch (JsonException error)
        {
            throw new InvalidDataException($"The segmentation artifact is not valid: {error.Message}", error);
        }
    }
}
