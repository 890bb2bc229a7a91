using CrmExtensions.Sandbox.Dataverse.Metadata;

namespace CrmExtensions.Sandbox.Dataverse.Store;

internal sealed partial class OrgStore
{
    /// <summary>Columns the platform computes: full names, exchange rate, base-currency amounts, line totals.</summary>
    private void ApplyComputed(TableDef table, Row row)
    {
        if (table.ByLogicalName("fullname") is { ReadOnly: true } fullName
            && table.ByLogicalName("firstname") is { } first && table.ByLogicalName("lastname") is { } last)
        {
            var name = string.Join(' ', new[] { row.Get(first.Index) as string, row.Get(last.Index) as string }.Where(s => !string.IsNullOrEmpty(s)));
            row.Set(fullName.Index, name.Length == 0 ? null : name);
        }

        if (table.LogicalName == "salesorderdetail")
        {
            var quantity = row.Get(table.ByLogicalName("quantity")!.Index) as decimal? ?? 0m;
            var price = row.Get(table.ByLogicalName("priceperunit")!.Index) as decimal? ?? 0m;
            var discount = row.Get(table.ByLogicalName("manualdiscountamount")!.Index) as decimal? ?? 0m;
            row.Set(table.ByLogicalName("baseamount")!.Index, quantity * price);
            row.Set(table.ByLogicalName("extendedamount")!.Index, (quantity * price) - discount);
        }

        if (table.ByLogicalName("exchangerate") is not { } rate || table.LogicalName == "transactioncurrency")
        {
            return;
        }

        var exchangeRate = 1m;
        if (table.ByLogicalName("transactioncurrencyid") is { } currencyColumn
            && row.Get(currencyColumn.Index) is EntityRef currencyRef
            && ByLogicalName("transactioncurrency") is { } currencies
            && currencies.Find(currencyRef.Id) is { } currency)
        {
            exchangeRate = currency.Get(currencies.Table.ByLogicalName("exchangerate")!.Index) as decimal? ?? 1m;
        }

        row.Set(rate.Index, exchangeRate);
        foreach (var column in table.Columns)
        {
            if (column.Type == AttributeType.Money && column.LogicalName.EndsWith("_base", StringComparison.Ordinal)
                && table.ByLogicalName(column.LogicalName[..^5]) is { } amount)
            {
                row.Set(column.Index, row.Get(amount.Index) is decimal value ? Math.Round(value / exchangeRate, 4) : null);
            }
        }
    }
}
