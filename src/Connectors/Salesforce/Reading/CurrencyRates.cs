using System.Globalization;
using CrmExtensions.Connectors.Salesforce.Http;

namespace CrmExtensions.Connectors.Salesforce.Reading;

/// <summary>
/// Converts amounts to the corporate currency with the org's <c>CurrencyType</c> rates (ConversionRate = units of the
/// currency per corporate unit). <c>CurrencyType</c> exists only in multi-currency orgs and is not in salesforce.md
/// (UNVERIFIED); without it amounts are in <see cref="SalesforceOptions.DefaultCurrency"/> and convert 1:1 only in it.
/// </summary>
internal sealed class CurrencyRates(SalesforceHttp http, SalesforceOptions options)
{
    private Task<IReadOnlyDictionary<string, decimal>>? _rates;

    public async Task<Func<decimal, string, decimal?>> ConverterAsync(CancellationToken cancellationToken)
    {
        var load = _rates ??= LoadAsync(cancellationToken);
        IReadOnlyDictionary<string, decimal> rates;
        try
        {
            rates = await load.ConfigureAwait(false);
        }
        catch
        {
            _rates = null;
            throw;
        }

        return (amount, currency) => rates.Count == 0
            ? currency == options.DefaultCurrency ? amount : null
            : rates.TryGetValue(currency, out var rate) && rate > 0 ? Math.Round(amount / rate, 2) : null;
    }

    private async Task<IReadOnlyDictionary<string, decimal>> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var doc = await http.GetJsonAsync("query?q=" + Uri.EscapeDataString("SELECT IsoCode, ConversionRate FROM CurrencyType WHERE IsActive = true"), cancellationToken).ConfigureAwait(false);
            var rates = new Dictionary<string, decimal>(StringComparer.Ordinal);
            foreach (var row in doc.RootElement.GetProperty("records").EnumerateArray())
            {
                if (row.TryGetProperty("IsoCode", out var code) && row.TryGetProperty("ConversionRate", out var rate) && code.GetString() is { } iso)
                {
                    rates[iso] = rate.ValueKind == System.Text.Json.JsonValueKind.Number ? rate.GetDecimal() : decimal.Parse(rate.GetString()!, CultureInfo.InvariantCulture);
                }
            }

            return rates;
        }
        catch (SalesforceException error) when (error.Code is "INVALID_TYPE" or "INVALID_FIELD")
        {
            // A single-currency org has no CurrencyType.
            return new Dictionary<string, decimal>();
        }
    }
}
