namespace CrmExtensions.Store.Schema;

/// <summary>One schema step. <c>{blob}</c>, <c>{id}</c> and <c>{bigint}</c> are replaced per dialect.</summary>
internal sealed record Migration(int Version, string Description, string Sql);
