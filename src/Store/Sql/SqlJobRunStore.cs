using System.Text.Json;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Storage;

namespace CrmExtensions.Store.Sql;

/// <summary>A row per job run.</summary>
internal sealed class SqlJobRunStore(StoreDatabase database) : IJobRunStore
{
    public async Task<JobRun> StartAsync(OrgId org, string job, DateTimeOffset startedAt, CancellationToken cancellationToken = default)
    {
        var run = new JobRun(Guid.NewGuid().ToString("n"), org, job, startedAt.ToUniversalTime(), null, JobStatus.Running, new Dictionary<string, long>(), null);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            INSERT INTO job_runs (id, org, job, started_at, status, counts_json) VALUES (@id, @org, @job, @start, @status, '{}')
            """);
        command.Add("@id", run.Id);
        command.Add("@org", org.Value);
        command.Add("@job", job);
        command.Add("@start", run.StartedAt.ToStored());
        command.Add("@status", nameof(JobStatus.Running));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return run;
    }

    public async Task FinishAsync(string runId, JobStatus status, IReadOnlyDictionary<string, long> counts, string? error, DateTimeOffset endedAt, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("""
            UPDATE job_runs SET status = @status, counts_json = @counts, error = @error, ended_at = @end WHERE id = @id
            """);
        command.Add("@status", status.ToString());
        command.Add("@counts", JsonSerializer.Serialize(counts));
        command.Add("@error", error);
        command.Add("@end", endedAt.ToStored());
        command.Add("@id", runId);
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException($"Job run {runId} does not exist.");
        }
    }

    public async Task<IReadOnlyList<JobRun>> ListAsync(OrgId? org, string? job, int limit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.Command("SELECT id, org, job, started_at, ended_at, status, counts_json, error FROM job_runs WHERE 1 = 1");
        if (org is { } o)
        {
            command.CommandText += " AND org = @org";
            command.Add("@org", o.Value);
        }

        if (job is not null)
        {
            command.CommandText += " AND job = @job";
            command.Add("@job", job);
        }

        command.CommandText += " ORDER BY started_at DESC, id LIMIT @limit";
        command.Add("@limit", limit);
        var runs = new List<JobRun>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ended = reader.GetNullableString(4);
            runs.Add(new JobRun(
                reader.GetString(0),
                OrgId.Parse(reader.GetString(1)),
                reader.GetString(2),
                DbExtensions.FromStored(reader.GetString(3)),
                ended is null ? null : DbExtensions.FromStored(ended),
                Enum.Parse<JobStatus>(reader.GetString(5)),
                JsonSerializer.Deserialize<Dictionary<string, long>>(reader.GetString(6)) ?? [],
                reader.GetNullableString(7)));
        }

        return runs;
    }
}
