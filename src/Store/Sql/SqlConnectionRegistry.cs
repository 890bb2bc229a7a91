using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>Remembers which org each connection reached and refuses a connection that now reaches another.</summary>
internal sealed class SqlConnectionRegistry(StoreDatabase database) : IConnectionRegistry
{
    public async Task<OrgId?> GetOrgAsync(string connection, CancellationToken cancellationToken = default)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        await using var command = db.Command("SELECT org FROM connections WHERE name = @name");
        command.Add("@name", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is string org ? OrgId.Parse(org) : null;
    }

    public async Task BindAsync(string connection, string kind, string url, OrgId org, CancellationToken cancellationToken = default)
    {
        await using var db = await database.OpenAsync(cancellationToken);
        await using var insert = db.Command("""
            INSERT INTO connections (name, kind, url, org, bound_at) VALUES (@name, @kind, @url, @org, @at)
            ON CONFLICT (name) DO NOTHING
            """);
        insert.Add("@name", connection);
        insert.Add("@kind", kind);
        insert.Add("@url", url);
        insert.Add("@org", org.Value);
        insert.Add("@at", DateTimeOffset.UtcNow.ToStored());
        await insert.ExecuteNonQueryAsync(cancellationToken);

        var bound = await GetOrgAsync(connection, cancellationToken);
        if (bound != org)
        {
            throw new OrgMismatchException(
                $"Connection '{connection}' was bound to org {bound} but now reaches org {org}. " +
                "If the URL was repointed at a copy of the org (UAT, sandbox), configure it as a new connection.");
        }
    }
}
