using CrmExtensions.Scoring.Outputs;

namespace CrmExtensions.Scoring.Purchases;

/// <summary>
/// Where purchase history lives in an org's tables (configuration, no code): orders with a customer and a date, order
/// lines with a product, quantity and amount, and the product table. Segmentation and recommendations read it.
/// </summary>
public sealed record PurchaseSpec
{
    /// <summary>The customer table whose records get segments and recommendations (account).</summary>
    public required string CustomerEntity { get; init; }

    /// <summary>The order table.</summary>
    public required string OrderEntity { get; init; }

    /// <summary>The order's lookup to its customer; orders of other customer tables (e.g. contacts) are left out.</summary>
    public required string OrderCustomerField { get; init; }

    /// <summary>Order date fields, first present wins (the record's created-on time is the last resort).</summary>
    public required IReadOnlyList<string> OrderDateFields { get; init; }

    /// <summary>The order field that says an order was cancelled, and its values that do.</summary>
    public string? CancelledField { get; init; }

    /// <summary>Values of <see cref="CancelledField"/> meaning cancelled (option values or text).</summary>
    public IReadOnlyList<string> CancelledValues { get; init; } = [];

    /// <summary>The order-line table.</summary>
    public required string LineEntity { get; init; }

    /// <summary>The line's lookup to its order.</summary>
    public required string LineOrderField { get; init; }

    /// <summary>The line's lookup to its product.</summary>
    public required string LineProductField { get; init; }

    /// <summary>The line's quantity (1 when missing).</summary>
    public required string LineQuantityField { get; init; }

    /// <summary>Line amount fields, first present wins (base-currency amount of money values is used).</summary>
    public required IReadOnlyList<string> LineAmountFields { get; init; }

    /// <summary>Unit price, used as quantity × price − discount when no amount field is present.</summary>
    public string? LineUnitPriceField { get; init; }

    /// <summary>Discount subtracted from quantity × unit price.</summary>
    public string? LineDiscountField { get; init; }

    /// <summary>The product table.</summary>
    public required string ProductEntity { get; init; }

    /// <summary>The product's display name (shown in recommendations).</summary>
    public required string ProductNameField { get; init; }

    /// <summary>The product field that says a product is retired, and its values that do (never recommended).</summary>
    public string? ProductInactiveField { get; init; }

    /// <summary>Values of <see cref="ProductInactiveField"/> meaning inactive.</summary>
    public IReadOnlyList<string> ProductInactiveValues { get; init; } = [];

    /// <summary>The shipped defaults, in the CRM's own table and field names.</summary>
    public static PurchaseSpec For(CrmKind crm) => crm switch
    {
        CrmKind.Salesforce => new()
        {
            CustomerEntity = "Account",
            OrderEntity = "Order",
            OrderCustomerField = "AccountId",
            OrderDateFields = ["EffectiveDate", "CreatedDate"],
            CancelledField = "Status",
            CancelledValues = ["Cancelled", "Canceled"],
            LineEntity = "OrderItem",
            LineOrderField = "OrderId",
            LineProductField = "Product2Id",
            LineQuantityField = "Quantity",
            LineAmountFields = ["TotalPrice"],
            LineUnitPriceField = "UnitPrice",
            ProductEntity = "Product2",
            ProductNameField = "Name",
            ProductInactiveField = "IsActive",
            ProductInactiveValues = ["false"],
        },
        _ => new()
        {
            CustomerEntity = "account",
            OrderEntity = "salesorder",
            OrderCustomerField = "customerid",
            OrderDateFields = ["submitdate", "createdon"],
            // salesorder statecode 2 = Canceled (Dataverse's documented state values).
            CancelledField = "statecode",
            CancelledValues = ["2"],
            LineEntity = "salesorderdetail",
            LineOrderField = "salesorderid",
            LineProductField = "productid",
            LineQuantityField = "quantity",
            LineAmountFields = ["extendedamount", "baseamount"],
            LineUnitPriceField = "priceperunit",
            LineDiscountField = "manualdiscountamount",
            ProductEntity = "product",
            ProductNameField = "name",
            // product statecode 1 = Retired.
            ProductInactiveField = "statecode",
            ProductInactiveValues = ["1"],
        },
    };
}
