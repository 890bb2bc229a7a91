namespace CrmExtensions.Install.Dataverse;

/// <summary>
/// What the runtime identity (<c>Crmx:Dataverse</c>) needs, from which the installer builds its security role: read on
/// every synced table, write on every table we write output columns to, both organisation-wide.
/// </summary>
/// <param name="ApplicationId">The runtime app registration's client id; its application user (systemuser with this
/// <c>applicationid</c>) gets the role. Null: the role is made but assigned to nobody.</param>
/// <param name="SyncedTables">Logical names of the tables the runtime reads (<c>Crmx:Dataverse:Tables</c> or its defaults).</param>
public sealed record RuntimeAccess(Guid? ApplicationId, IReadOnlyList<string> SyncedTables);
