using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Dataverse.Query;

/// <summary>Orders stored values: null first, strings case-insensitively (dataverse.md §1), lookups by id.</summary>
internal static class ValueComparer
{
    public static int Compare(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null ? (b is null ? 0 : -1) : 1;
        }

        return (a, b) switch
        {
            (string x, string y) => string.Compare(x, y, StringComparison.OrdinalIgnoreCase),
            (EntityRef x, EntityRef y) => x.Id.CompareTo(y.Id),
            (EntityRef x, Guid y) => x.Id.CompareTo(y),
            (int x, int y) => x.CompareTo(y),
            (long x, long y) => x.CompareTo(y),
            (bool x, bool y) => x.CompareTo(y),
            (DateTime x, DateTime y) => x.CompareTo(y),
            (Guid x, Guid y) => x.CompareTo(y),
            _ => ToDecimal(a).CompareTo(ToDecimal(b)),
        };
    }

    private static decimal ToDecimal(object value) => Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture);
}
