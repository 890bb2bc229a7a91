using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Salesforce.Schema;

/// <summary>
/// One Salesforce field served over a Dataverse-shaped row. <see cref="Read"/> yields the Salesforce value (string,
/// int, decimal, double, bool, DateTime for datetime, DateOnly for date, or null); <see cref="Write"/> turns a
/// Salesforce value into the Dataverse column changes it stands for (null when the field is not updateable).
/// </summary>
internal sealed record SfField(string Name, string Label, string Type, Func<SfReadContext, object?> Read)
{
    public int Length { get; init; }

    public bool Nillable { get; init; } = true;

    public bool Custom { get; init; }

    /// <summary>Long text area (textarea longer than 255): two or more selected shrink query batches (salesforce.md §2a).</summary>
    public bool LongText { get; init; }

    public IReadOnlyList<string> Picklist { get; init; } = [];

    public string? ReferenceTo { get; init; }

    public Func<SfWriteContext, object?, string?>? Write { get; init; }

    public bool Updateable => Write is not null;
}
