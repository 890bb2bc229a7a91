using System.Globalization;
using System.Text.RegularExpressions;

namespace CrmExtensions.Connectors.Salesforce.Budget;

/// <summary>
/// The org's daily API allocation as the last response reported it: <c>Sforce-Limit-Info: api-usage=N/MAX</c> on every
/// REST response (salesforce.md §5, parsed without anchoring the end because <c>; api-bursts=…</c> or
/// <c>; per-app-api-usage=…</c> may follow) or <c>DailyApiRequests</c> from <c>/limits</c>. Shared by every request
/// of a connector, so a run stops within one batch of the configured share.
/// </summary>
public sealed partial class ApiBudget
{
    private readonly Lock _gate = new();
    private long _used = -1;
    private long _max = -1;

    /// <summary>Requests used in the rolling 24 h, or -1 before the first answer.</summary>
    public long Used
    {
        get
        {
            lock (_gate)
            {
                return _used;
            }
        }
    }

    /// <summary>The daily allocation, or -1 before the first answer.</summary>
    public long Max
    {
        get
        {
            lock (_gate)
            {
                return _max;
            }
        }
    }

    /// <summary>The used share (0–1), or null before the first answer.</summary>
    public double? Share
    {
        get
        {
            lock (_gate)
            {
                return _max > 0 ? (double)_used / _max : null;
            }
        }
    }

    /// <summary>Reads a <c>Sforce-Limit-Info</c> header value; ignores values it cannot parse.</summary>
    public void ReadHeader(string? value)
    {
        if (value is null || ApiUsage().Match(value) is not { Success: true } match)
        {
            return;
        }

        Set(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>Records usage from <c>/limits</c> (Max and Remaining).</summary>
    public void ReadLimits(long max, long remaining) => Set(max - remaining, max);

    /// <summary>True when the used share reached <paramref name="share"/>.</summary>
    public bool Reached(double share) => Share is { } used && used >= share;

    private void Set(long used, long max)
    {
        lock (_gate)
        {
            _used = used;
            _max = max;
        }
    }

    [GeneratedRegex(@"api-usage=(\d+)/(\d+)")]
    private static partial Regex ApiUsage();
}
