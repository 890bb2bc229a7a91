using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Testing.Builders;

/// <summary>One value of every canonical type, including awkward ones, for round-trip tests.</summary>
public static class AllFieldTypes
{
    public static IReadOnlyList<KeyValuePair<string, FieldValue?>> Values { get; } =
    [
        new("name", new TextValue("Zoë O'Brien, \"quoted\"")),
        new("chinese", new TextValue("无法登录账户，请帮忙")),
        new("description", new LongTextValue(new string('x', 1_000_000))),
        new("revenue", new NumberValue(1234567.891)),
        new("employees", new NumberValue(-42)),
        new("donotcall", new BoolValue(true)),
        new("lastcontact", new DateTimeValue(new DateTimeOffset(2026, 2, 3, 4, 5, 6, 789, TimeSpan.FromHours(5)))),
        new("birthday", new DateValue(new DateOnly(1990, 12, 31))),
        new("leadsource", new OptionValue("8", "Web")),
        new("industry", new OptionValue("Retail", null)),
        new("parentaccountid", new LookupValue("6F9619FF-8B86-D011-B42D-00C04FC964FF", "account")),
        new("budgetamount", new MoneyValue(12.50m, "EUR", 13.8125m)),
        new("estimatedvalue", new MoneyValue(0.000001m, "JPY", null)),
        new("fax", null),
    ];
}
