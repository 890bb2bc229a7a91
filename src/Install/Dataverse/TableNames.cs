namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// Schema and display names of the standard tables the package writes about (dataverse.md §8). Solution XML names a
/// table by its schema name (<c>Lead</c>) and privileges by it (<c>prvReadLead</c>); activity tables share the
/// <c>Activity</c> privileges. A table outside this list cannot be packaged: its schema name is not derivable.
/// </summary>
internal static class TableNames
{
    private static readonly Dictionary<string, (string Schema, string Display, bool Activity)> Known = new(StringComparer.Ordinal)
    {
        ["lead"] = ("Lead", "Lead", false),
        ["opportunity"] = ("Opportunity", "Opportunity", false),
        ["account"] = ("Account", "Account", false),
        ["contact"] = ("Contact", "Contact", false),
        ["incident"] = ("Incident", "Case", false),
        ["salesorder"] = ("SalesOrder", "Order", false),
        ["salesorderdetail"] = ("SalesOrderDetail", "Order Product", false),
        ["product"] = ("Product", "Product", false),
        ["task"] = ("Task", "Task", true),
        ["phonecall"] = ("PhoneCall", "Phone Call", true),
        ["email"] = ("Email", "Email", true),
        ["appointment"] = ("Appointment", "Appointment", true),
    };

    public static string Schema(string table) => Find(table).Schema;

    public static string Display(string table) => Find(table).Display;

    /// <summary>The privilege name of an access type on a table: <c>prvReadLead</c>, <c>prvReadActivity</c> for a task.</summary>
    public static string Privilege(string access, string table) => $"prv{access}{(Find(table).Activity ? "Activity" : Find(table).Schema)}";

    private static (string Schema, string Display, bool Activity) Find(string table) =>
        Known.TryGetValue(table, out var names) ? names
            : throw new InstallException($"Table {table}: the solution package knows the schema names of {string.Join(", ", Known.Keys)} only; install a custom table's columns with crmx install instead.");
}
