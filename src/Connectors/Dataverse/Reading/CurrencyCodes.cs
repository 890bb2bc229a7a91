using System.Text.Json;
using CrmExtensions.Connectors.Dataverse.Http;

namespace CrmExtensions.Connectors.Dataverse.Reading;

/// <summary>
/// ISO codes of the org's transaction currencies, read once: a money column's currency is the row's
/// <c>_transactioncurrencyid_value</c>, whose formatted value is a display name, not a code.
/// </summary>
internal sealed class CurrencyCodes(DataverseHttp http)
{
    private Task<(Dictionary<string, string> Codes, string? Base)>? _load;

    public async Task<(IReadOnlyDictionary<string, string> Codes, string? Base)> GetAsync(CancellationToken cancellationToken)
    {
        var (codes, baseCode) = await (_load ??= LoadAsync(cancellationToken)).ConfigureAwait(false);
        return (codes, baseCode);
    }

    private async Task<(Dictionary<string, string>, string?)> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await http.GetJsonAsync("transactioncurrencies?$select=isocurrencycode,exchangerate", cancellationToken).ConfigureAwait(false);
            var codes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            string? baseCode = null;
            foreach (var row in doc.RootElement.GetProperty("value").EnumerateArray())
            {
                var id = row.GetProperty("transactioncurrencyid").GetString()!;
                var code = row.TryGetProperty("isocurrencycode", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString()!.Trim().ToUpperInvariant() : null;
                if (code is null)
                {
                    continue;
                }

                codes[Guid.Parse(id).ToString("d")] = code;
                // The base currency is the one whose exchange rate is 1 (the _base amounts are in it).
                if (row.TryGetProperty("exchangerate", out var rate) && rate.ValueKind == JsonValueKind.Number && rate.GetDecimal() == 1m)
                {
                    baseCode ??= code;
                }
            }

            return (codes, baseCode);
        }
        catch
        {
            _load = null;
            throw;
        }
    }
}
