namespace CrmExtensions.Plugins.Processing;

/// <summary>The lock names shared by every caller of a sync.</summary>
public static class SyncLocks
{
    /// <summary>The lock of one entity's sync in one connection.</summary>
    public static string For(string connection, string entity) => $"crmx:sync:{connection}:{entity}";
}
