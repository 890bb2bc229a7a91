namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>
/// The privileges of a table as Dataverse defines them: <c>prv{Create|Read|Write|Delete|Append|AppendTo|Assign|Share}{SchemaName}</c>,
/// shared by all activity tables (<c>prvReadActivity</c>…); user-owned tables allow every depth and Assign/Share,
/// organisation-owned ones only Global (PA-docs <c>reference/entities/privilege</c>, SecurityPrivilegeMetadata).
/// </summary>
internal static class SecurityPrivileges
{
    // PrivilegeType member, privilege.accessright value (AccessRights: Read 1, Write 2, Append 4, AppendTo 16, Create 32,
    // Delete 65536, Share 262144, Assign 524288), and whether only user-owned tables have it.
    private static readonly (string Type, int AccessRight, bool OwnedOnly)[] Kinds =
    [
        ("Create", 32, false), ("Read", 1, false), ("Write", 2, false), ("Delete", 65536, false),
        ("Append", 4, false), ("AppendTo", 16, false), ("Assign", 524288, true), ("Share", 262144, true),
    ];

    /// <summary>
    /// Privileges tied to no table the sandbox serves: reading table, column, choice and relationship definitions
    /// (names as in Microsoft's published application-user role for Dynamics 365 Marketing).
    /// </summary>
    public static IReadOnlyList<PrivilegeDef> Miscellaneous { get; } =
        [.. new[] { "Entity", "Attribute", "OptionSet", "Relationship" }.Select(n => new PrivilegeDef($"prvRead{n}", "Read", 1, UserOwned: false))];

    /// <summary>The privileges that govern <paramref name="table"/>.</summary>
    public static IReadOnlyList<PrivilegeDef> For(TableDef table)
    {
        var owned = table.ByLogicalName("ownerid") is not null;
        var schema = table.IsActivity ? "Activity" : MetadataJson.SchemaName(table.LogicalName);
        return [.. Kinds.Where(k => owned || !k.OwnedOnly).Select(k => new PrivilegeDef($"prv{k.Type}{schema}", k.Type, k.AccessRight, owned))];
    }
}

/// <summary>One privilege; its id is stable so that every org (and a restored state file) agrees.</summary>
internal sealed record PrivilegeDef(string Name, string Type, int AccessRight, bool UserOwned)
{
    public Guid Id => TableBuilder.StableGuid("privilege." + Name);

    /// <summary>Whether the depth (Basic 0, Local 1, Deep 2, Global 3) is allowed: organisation-owned tables are Global only.</summary>
    public bool Allows(int depth) => depth == 3 || (UserOwned && depth is >= 0 and <= 2);
}
