using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Transactions;

namespace CrmExtensions.Scoring.Purchases;

/// <summary>Order lines of an org's customers, built from canonical order, line and product records.</summary>
/// <param name="Lines">One line per order line of a non-cancelled order of a customer of the spec's table.</param>
/// <param name="ProductNames">Product id → display name (ids without a name keep the id).</param>
/// <param name="InactiveProducts">Products retired in the catalogue.</param>
/// <param name="Skipped">Lines left out, by reason (no order, no product, cancelled order, other customer table).</param>
public sealed record PurchaseHistory(
    IReadOnlyList<OrderLine> Lines,
    IReadOnlyDictionary<string, string> ProductNames,
    IReadOnlySet<string> InactiveProducts,
    IReadOnlyDictionary<string, long> Skipped)
{
    /// <summary>Joins lines to their orders; deleted records are ignored. Amounts are base-currency amounts.</summary>
    public static PurchaseHistory Build(PurchaseSpec spec, IEnumerable<CrmRecord> orders, IEnumerable<CrmRecord> lines, IEnumerable<CrmRecord> products)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(orders);
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(products);
        var skipped = new Dictionary<string, long>(StringComparer.Ordinal);
        void Skip(string reason) => skipped[reason] = skipped.GetValueOrDefault(reason) + 1;

        var byId = new Dictionary<string, (string Customer, DateTime Date)?>(StringComparer.Ordinal);
        foreach (var order in orders.Where(o => !o.Deleted))
        {
            if (spec.CancelledField is { } cancelled && IsOneOf(order[cancelled], spec.CancelledValues))
            {
                byId[order.Id] = null;
                continue;
            }

            if (order[spec.OrderCustomerField] is not LookupValue customer
                || (!string.IsNullOrEmpty(customer.TargetEntity) && !string.Equals(customer.TargetEntity, spec.CustomerEntity, StringComparison.OrdinalIgnoreCase)))
            {
                Skip("order without a customer of " + spec.CustomerEntity);
                continue;
            }

            byId[order.Id] = (customer.Id, DateOf(order, spec));
        }

        var result = new List<OrderLine>();
        foreach (var line in lines.Where(l => !l.Deleted))
        {
            if (line[spec.LineOrderField] is not LookupValue orderRef || !byId.TryGetValue(orderRef.Id, out var order))
            {
                Skip("line without a synced order");
                continue;
            }

            if (order is not { } o)
            {
                Skip("line of a cancelled order");
                continue;
            }

            if (line[spec.LineProductField] is not LookupValue product)
            {
                Skip("line without a product");
                continue;
            }

            var quantity = Number(line[spec.LineQuantityField]) ?? 1;
            result.Add(new OrderLine(o.Customer, o.Date, Amount(line, spec, quantity), product.Id, quantity, orderRef.Id));
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var inactive = new HashSet<string>(StringComparer.Ordinal);
        foreach (var product in products.Where(p => !p.Deleted))
        {
            if (product[spec.ProductNameField] is TextValue { Value: var name } && !string.IsNullOrWhiteSpace(name))
            {
                names[product.Id] = name;
            }

            if (spec.ProductInactiveField is { } field && IsOneOf(product[field], spec.ProductInactiveValues))
            {
                inactive.Add(product.Id);
            }
        }

        return new PurchaseHistory(result, names, inactive, skipped);
    }

    private static DateTime DateOf(CrmRecord order, PurchaseSpec spec)
    {
        foreach (var field in spec.OrderDateFields)
        {
            switch (order[field])
            {
                case DateTimeValue dt:
                    return dt.Value.UtcDateTime;
                case DateValue d:
                    return d.Value.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            }
        }

        return order.ModifiedOn.UtcDateTime;
    }

    private static double Amount(CrmRecord line, PurchaseSpec spec, double quantity)
    {
        foreach (var field in spec.LineAmountFields)
        {
            if (Number(line[field]) is { } amount)
            {
                return amount;
            }
        }

        var price = spec.LineUnitPriceField is { } p ? Number(line[p]) : null;
        var discount = spec.LineDiscountField is { } d ? Number(line[d]) ?? 0 : 0;
        return price is { } unit ? (unit * quantity) - discount : 0;
    }

    // Money counts in base currency, so customers buying in several currencies compare.
    private static double? Number(FieldValue? value) => value switch
    {
        NumberValue n => n.Value,
        MoneyValue m => (double)(m.BaseAmount ?? m.Amount),
        _ => null,
    };

    private static bool IsOneOf(FieldValue? value, IReadOnlyList<string> values)
    {
        var text = value switch
        {
            OptionValue o => o.Value,
            TextValue t => t.Value,
            BoolValue b => b.Value ? "true" : "false",
            NumberValue n => n.Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => null,
        };
        return text is not null && values.Contains(text, StringComparer.OrdinalIgnoreCase);
    }
}
