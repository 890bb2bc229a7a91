namespace CrmExtensions.Jobs;

/// <summary>What a scoring run did: records scored with the champion, and output values that changed.</summary>
public sealed record ScoreJobResult(string Model, int? ChampionVersion, long Scored, long OutputsChanged, string? Skipped);
