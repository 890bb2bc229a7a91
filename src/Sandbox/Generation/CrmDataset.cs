namespace CrmExtensions.Sandbox.Generation;

/// <summary>One generated CRM organisation in CRM-neutral form, plus the hidden truth behind its outcomes.</summary>
internal sealed record CrmDataset(
    DateTime AsOf,
    IReadOnlyList<Currency> Currencies,
    IReadOnlyList<SalesUser> Users,
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<Contact> Contacts,
    IReadOnlyList<Lead> Leads,
    IReadOnlyList<Opportunity> Opportunities,
    IReadOnlyList<StageChange> StageChanges,
    IReadOnlyList<Product> Products,
    IReadOnlyList<PriceList> PriceLists,
    IReadOnlyList<PriceListItem> PriceListItems,
    IReadOnlyList<Order> Orders,
    IReadOnlyList<OrderLine> OrderLines,
    IReadOnlyList<SupportCase> Cases,
    IReadOnlyList<Activity> Activities,
    GenerationTruth Truth);
