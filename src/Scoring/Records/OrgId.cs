using System.Text.RegularExpressions;

namespace CrmExtensions.Scoring.Records;

/// <summary>
/// The identity of one CRM organisation (a Dataverse environment's organisation id, a Salesforce org id,
/// or a name chosen for a CSV export). Everything the product stores is keyed by it, because copies of an
/// org (UAT, sandboxes) keep the record ids of the original.
/// </summary>
public readonly partial record struct OrgId
{
    private OrgId(string value) => Value = value;

    /// <summary>The normalised value: GUIDs in lower case without braces, other ids as given.</summary>
    public string Value { get; }

    /// <summary>Parses and normalises an organisation id; throws <see cref="ArgumentException"/> naming the problem.</summary>
    public static OrgId Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var normalised = RecordId.Normalise(value.Trim());
        if (!Shape().IsMatch(normalised))
        {
            throw new ArgumentException(
                "An organisation id must be 1-100 characters of letters, digits, '-', '_' or '.'.", nameof(value));
        }

        return new OrgId(normalised);
    }

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}\z")]
    private static partial Regex Shape();
}
