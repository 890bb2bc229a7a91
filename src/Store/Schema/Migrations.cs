namespace CrmExtensions.Store.Schema;

/// <summary>
/// The schema, as an append-only list of steps. Never edit a released step: add the next one, and a test that
/// migrates a store of the previous version.
/// </summary>
internal static class Migrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "records, cursors, outputs, models, job runs, connections", """
            CREATE TABLE store_meta (
                key TEXT PRIMARY KEY,
                value {bigint} NOT NULL);
            INSERT INTO store_meta (key, value) VALUES ('record_version', 0);

            CREATE TABLE connections (
                name TEXT PRIMARY KEY,
                kind TEXT NOT NULL,
                url TEXT NOT NULL,
                org {id} NOT NULL,
                bound_at TEXT NOT NULL);

            CREATE TABLE records (
                org {id} NOT NULL,
                entity {id} NOT NULL,
                id {id} NOT NULL,
                modified_on TEXT NOT NULL,
                deleted INTEGER NOT NULL,
                values_json TEXT NOT NULL,
                version {bigint} NOT NULL,
                PRIMARY KEY (org, entity, id));
            CREATE INDEX records_by_version ON records (org, entity, version);

            CREATE TABLE cursors (
                org {id} NOT NULL,
                entity {id} NOT NULL,
                stream {id} NOT NULL,
                value TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (org, entity, stream));

            CREATE TABLE outputs (
                org {id} NOT NULL,
                tbl {id} NOT NULL,
                record_id {id} NOT NULL,
                field {id} NOT NULL,
                value_json TEXT NULL,
                model TEXT NOT NULL,
                model_version INTEGER NOT NULL,
                produced_at TEXT NOT NULL,
                written_json TEXT NULL,
                written_at TEXT NULL,
                PRIMARY KEY (org, tbl, record_id, field));

            CREATE TABLE output_history (
                org {id} NOT NULL,
                tbl {id} NOT NULL,
                record_id {id} NOT NULL,
                field {id} NOT NULL,
                value_json TEXT NULL,
                model TEXT NOT NULL,
                model_version INTEGER NOT NULL,
                produced_at TEXT NOT NULL);
            CREATE INDEX output_history_by_record ON output_history (org, tbl, record_id, produced_at);

            CREATE TABLE models (
                org {id} NOT NULL,
                name {id} NOT NULL,
                version INTEGER NOT NULL,
                kind TEXT NOT NULL,
                status TEXT NOT NULL,
                status_reason TEXT NULL,
                trained_at TEXT NOT NULL,
                row_count {bigint} NOT NULL,
                mlnet_version TEXT NOT NULL,
                metrics_json TEXT NOT NULL,
                artifact {blob} NOT NULL,
                PRIMARY KEY (org, name, version));

            CREATE TABLE job_runs (
                id {id} PRIMARY KEY,
                org {id} NOT NULL,
                job TEXT NOT NULL,
                started_at TEXT NOT NULL,
                ended_at TEXT NULL,
                status TEXT NOT NULL,
                counts_json TEXT NOT NULL,
                error TEXT NULL);
            CREATE INDEX job_runs_by_start ON job_runs (org, job, started_at);
            """),
        new(2, "drift per scoring run", """
            CREATE TABLE drift (
                id {id} PRIMARY KEY,
                org {id} NOT NULL,
                model {id} NOT NULL,
                model_version INTEGER NOT NULL,
                run_id {id} NULL,
                measured_at TEXT NOT NULL,
                row_count {bigint} NOT NULL,
                features_json TEXT NOT NULL);
            CREATE INDEX drift_by_model ON drift (org, model, measured_at);
            """),
        new(3, "forgotten records (erasure requests: ids only, never values)", """
            CREATE TABLE forgotten (
                org {id} NOT NULL,
                entity {id} NOT NULL,
                id {id} NOT NULL,
                forgotten_at TEXT NOT NULL,
                PRIMARY KEY (org, entity, id));
            """),
        new(4, "record-event inbox (webhooks, outbound messages) and sharded job runs", """
            CREATE TABLE record_events (
                org {id} NOT NULL,
                event_key {id} NOT NULL,
                entity {id} NOT NULL,
                record_id {id} NOT NULL,
                received_at TEXT NOT NULL,
                status TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                lease_until TEXT NULL,
                done_at TEXT NULL,
                outcome TEXT NULL,
                PRIMARY KEY (org, event_key));
            CREATE INDEX record_events_pending ON record_events (status, received_at);

            CREATE TABLE shard_runs (
                run_id {id} PRIMARY KEY,
                org {id} NOT NULL,
                connection TEXT NOT NULL,
                job TEXT NOT NULL,
                shard_count INTEGER NOT NULL,
                done_count INTEGER NOT NULL,
                created_at TEXT NOT NULL);

            CREATE TABLE shards (
                run_id {id} NOT NULL,
                shard INTEGER NOT NULL,
                from_id {id} NULL,
                to_id {id} NULL,
                attempts INTEGER NOT NULL,
                completed_at TEXT NULL,
                PRIMARY KEY (run_id, shard));
            """),
        new(5, "rows carried by events (entity images, outbound-message sObjects) and per-shard results (drift bin counts)", """
            ALTER TABLE record_events ADD COLUMN row_json TEXT NULL;
            ALTER TABLE shards ADD COLUMN result_json TEXT NULL;
            """),
        new(6, "open alert incidents (deduplication shared by every process: host instances and scheduled crmx commands)", """
            CREATE TABLE alert_incidents (
                kind {id} NOT NULL,
                org {id} NOT NULL,
                subject {id} NOT NULL,
                last_sent TEXT NOT NULL,
                suppressed INTEGER NOT NULL,
                PRIMARY KEY (kind, org, subject));
            """),
    ];
}
