namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// The text of one case as the classifier reads it: free-text parts (subject, description, …) in a fixed order,
/// and optional structured values (origin, product, …) in a fixed order. Nulls are missing values.
/// </summary>
public sealed record CaseInput(IReadOnlyList<string?> Texts, IReadOnlyList<string?> Fields)
{
    /// <summary>A case with free text only.</summary>
    public static CaseInput FromText(params string?[] texts) => new(texts, []);

    /// <summary>The cleaned free text, parts joined by a line break (see <see cref="CaseTextCleaner"/>).</summary>
    public string CleanText() => string.Join('\n', Texts.Select(CaseTextCleaner.Clean).Where(t => t.Length > 0));

    /// <summary>Structured values as tokens ("f0=email f1=printer"), so each field's values stay apart.</summary>
    public string FieldTokens() => string.Join(' ', Fields.Select((v, i) => string.IsNullOrWhiteSpace(v)
        ? $"f{i}=missing"
        : $"f{i}={string.Join('_', v.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))}"));
}
