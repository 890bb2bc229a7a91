namespace CrmExtensions.Store.Sql;

/// <summary>What differs between the two providers; everything else is shared SQL.</summary>
internal enum StoreDialect
{
    Sqlite,
    Postgres,
}
