namespace CrmExtensions.Scoring.Specs;

/// <summary>
/// Which columns a sync may leave in the CRM (data minimisation): names and contact details that no spec names are
/// never features (<see cref="FeatureSelector.DefaultPersonal"/>), so copying them would only add personal data to the store.
/// </summary>
public static class SyncColumns
{
    // A plain "name" is a person's name only on tables of people; elsewhere it is the record's title (an account, a
    // product: recommendations print product names), which minimisation must keep.
    private static readonly HashSet<string> People = new(StringComparer.OrdinalIgnoreCase) { "lead", "contact", "systemuser", "user" };

    /// <summary>True for a name or contact-detail column of <paramref name="table"/> (<c>fullname</c>, <c>emailaddress1</c>, <c>address1_line1</c>, a lead's <c>Name</c>, …).</summary>
    public static bool IsPersonal(string table, string column)
    {
        var name = FeatureSelector.Normalise(column);
        return FeatureSelector.DefaultPersonal.Contains(name) && (name != "name" || People.Contains(table));
    }

    /// <summary>Every column the specs name — labels, listed features, time and decision fields, related and point-in-time fields — which a sync must keep.</summary>
    public static IReadOnlySet<string> NamedBy(IEnumerable<ModelSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        var named = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var spec in specs)
        {
            Add(named, spec.Label?.Field, spec.TimeField, spec.DecidedOnField);
            named.UnionWith(spec.Features ?? []);
            if (spec.PointInTime is { } pit)
            {
                Add(named, pit.ParentField, pit.DateField, pit.AmountField);
            }

            foreach (var related in spec.Related)
            {
                Add(named, related.ParentField, related.DateField, related.AmountField);
            }
        }

        return named;
    }

    private static void Add(HashSet<string> named, params string?[] fields)
    {
        foreach (var field in fields)
        {
            if (!string.IsNullOrWhiteSpace(field))
            {
                named.Add(field);
            }
        }
    }
}
