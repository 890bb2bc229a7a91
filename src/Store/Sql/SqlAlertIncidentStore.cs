using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>
/// Open alert incidents in one table, claimed with a compare-and-set on the last-sent time so that of several processes
/// raising the same incident at once exactly one sends it.
/// </summary>
internal sealed class SqlAlertIncidentStore(StoreDatabase database) : IAlertIncidentStore
{
    /// <summary>An incident not raised for this long (beyond its window) is forgotten: a sender that stopped, a removed job.</summary>
    internal static readonly TimeSpan Stale = TimeSpan.FromDays(7);

    private const int Attempts = 5;

    public async Task<int?> ClaimAsync(string kind, string org, string subject, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            await using (var insert = connection.Command("""
                INSERT INTO alert_incidents (kind, org, subject, last_sent, suppressed) VALUES (@kind, @org, @subject, @now, 0)
                ON CONFLICT (kind, org, subject) DO NOTHING
                """))
            {
                AddKey(insert, kind, org, subject);
                insert.Add("@now", now.ToStored());
                if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
                {
                    await using var prune = connection.Command("DELETE FROM alert_incidents WHERE last_sent < @cutoff");
                    prune.Add("@cutoff", (now - window - Stale).ToStored());
                    await prune.ExecuteNonQueryAsync(cancellationToken);
                    return 0;
                }
            }

            string? lastSent = null;
            var suppressed = 0;
            await using (var read = connection.Command("SELECT last_sent, suppressed FROM alert_incidents WHERE kind = @kind AND org = @org AND subject = @subject"))
            {
                AddKey(read, kind, org, subject);
                await using var reader = await read.ExecuteReaderAsync(cancellationToken);
                if (await reader.ReadAsync(cancellationToken))
                {
                    lastSent = reader.GetString(0);
                    suppressed = Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            if (lastSent is null)
            {
                continue; // closed between the insert and the read: try to open it again
            }

            if (now - DbExtensions.FromStored(lastSent) < window)
            {
                await using var count = connection.Command("UPDATE alert_incidents SET suppressed = suppressed + 1 WHERE kind = @kind AND org = @org AND subject = @subject");
                AddKey(count, kind, org, subject);
                await count.ExecuteNonQueryAsync(cancellationToken);
                return null;
            }

            await using var claim = connection.Command("""
                UPDATE alert_incidents SET last_sent = @now, suppressed = 0
                WHERE kind = @kind AND org = @org AND subject = @subject AND last_sent = @seen
                """);
            AddKey(claim, kind, org, subject);
            claim.Add("@now", now.ToStored());
            claim.Add("@seen", lastSent);
            if (await claim.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return suppressed;
            }
        }

        // Others kept claiming it in between: they sent it.
        return null;
    }

    public async Task<bool> CloseAsync(string kind, string org, string subject, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var delete = connection.Command("DELETE FROM alert_incidents WHERE kind = @kind AND org = @org AND subject = @subject");
        AddKey(delete, kind, org, subject);
        return await delete.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    private static void AddKey(System.Data.Common.DbCommand command, string kind, string org, string subject)
    {
        command.Add("@kind", kind);
        command.Add("@org", org);
        command.Add("@subject", subject);
    }
}
