using Bogus;

namespace CrmExtensions.Sandbox.Generation;

/// <summary>
/// Generates one CRM organisation deterministically from a seed. <c>scale</c> is the number of leads; the other
/// tables are proportional. The generating processes and their difficulty bands are documented in
/// docs/sandbox-data.md — change them there first.
/// </summary>
internal sealed partial class DataGenerator
{
    internal static readonly string[] Stages = ["Qualify", "Develop", "Propose", "Close"];
    private static readonly string[] Countries = ["US", "GB", "DE", "FR", "NL", "JP", "CN"];
    private static readonly double[] CountryWeights = [45, 15, 12, 8, 5, 7, 8];

    private readonly int _scale;
    private readonly DateTime _asOf;
    private readonly SeededRandom _rng;
    private readonly Faker _faker;
    private readonly Faker _fakerZh;
    private readonly double[] _industryEffect = new double[34];
    private readonly double[] _industryChurnEffect = new double[34];

    private readonly List<Currency> _currencies = [];
    private readonly List<SalesUser> _users = [];
    private readonly Dictionary<Guid, double> _ownerSkill = [];
    private readonly List<Account> _accounts = [];
    private readonly Dictionary<Guid, AccountLatent> _accountLatent = [];
    private readonly List<Contact> _contacts = [];
    private readonly Dictionary<Guid, List<Contact>> _contactsByAccount = [];
    private readonly List<Lead> _leads = [];
    private readonly List<Opportunity> _opportunities = [];
    private readonly List<StageChange> _stageChanges = [];
    private readonly List<Product> _products = [];
    private readonly List<double[]> _productFactors = [];
    private readonly List<double> _productPopularity = [];
    private readonly List<PriceList> _priceLists = [];
    private readonly List<PriceListItem> _priceListItems = [];
    private readonly Dictionary<(Guid PriceList, Guid Product), decimal> _prices = [];
    private readonly List<Order> _orders = [];
    private readonly List<OrderLine> _orderLines = [];
    private readonly List<SupportCase> _cases = [];
    private readonly List<Activity> _activities = [];
    private readonly Dictionary<Guid, int> _accountActivityCount = [];
    private readonly Dictionary<Guid, double> _leadLogit = [];
    private readonly Dictionary<Guid, double> _opportunityLogit = [];
    private readonly Dictionary<Guid, bool> _churned = [];
    private readonly Dictionary<Guid, double> _dissatisfaction = [];
    private readonly OutcomeModel _outcomes;

    private DataGenerator(int scale, int seed, DateTime asOf)
    {
        _scale = Math.Max(1, scale);
        _asOf = DateTime.SpecifyKind(asOf, DateTimeKind.Utc);
        _rng = new SeededRandom(seed);
        _faker = new Faker("en") { Random = new Randomizer(seed) };
        _fakerZh = new Faker("zh_CN") { Random = new Randomizer(seed + 1) };

        // Hidden per-industry effects are fixed by the seed only, not by the scale.
        var effects = new SeededRandom(seed ^ 0x5EED);
        for (var i = 0; i < _industryEffect.Length; i++)
        {
            _industryEffect[i] = effects.Normal(0, 0.45);
            _industryChurnEffect[i] = effects.Normal(0, 0.3);
        }

        _outcomes = new OutcomeModel(_industryEffect, _ownerSkill, _dissatisfaction);
    }

    /// <summary>Generates a dataset; the same (scale, seed, asOf) always gives the same data.</summary>
    public static CrmDataset Generate(int scale, int seed, DateTime asOf)
    {
        var g = new DataGenerator(scale, seed, asOf);
        g.GenerateCurrencies();
        g.GenerateUsers();
        g.GenerateProducts();
        g.GenerateAccounts();
        g.GenerateLeads();
        g.GenerateAccountOpportunities();
        g.GenerateOrders();
        g.GenerateCases();
        g.GenerateAccountActivities();
        return new CrmDataset(
            g._asOf, g._currencies, g._users, g._accounts, g._contacts, g._leads, g._opportunities, g._stageChanges,
            g._products, g._priceLists, g._priceListItems, g._orders, g._orderLines, g._cases, g._activities,
            new GenerationTruth(
                g._leadLogit, g._opportunityLogit, g._churned,
                g._accountLatent.ToDictionary(kv => kv.Key, kv => kv.Value.Taste), g._outcomes));
    }

    private void GenerateCurrencies()
    {
        (string Code, string Name, string Symbol, decimal Rate, int Precision)[] table =
        [
            ("USD", "US Dollar", "$", 1m, 2),
            ("EUR", "Euro", "€", 0.9215m, 2),
            ("GBP", "Pound Sterling", "£", 0.7893m, 2),
            ("JPY", "Japanese Yen", "¥", 151.32m, 0),
            ("CNY", "Chinese Yuan Renminbi", "CN¥", 7.2410m, 2),
        ];
        foreach (var c in table)
        {
            _currencies.Add(new Currency(_rng.Guid(), c.Code, c.Name, c.Symbol, c.Rate, c.Precision, c.Code == "USD"));
        }
    }

    private void GenerateUsers()
    {
        (string Zone, int Offset)[] zones = [("America/New_York", -300), ("America/Chicago", -360), ("America/Los_Angeles", -480), ("Europe/London", 0), ("Europe/Berlin", 60), ("Asia/Tokyo", 540), ("Asia/Shanghai", 480)];
        var count = Math.Clamp(_scale / 400, 5, 60);
        for (var i = 0; i < count; i++)
        {
            var first = _faker.Name.FirstName();
            var last = _faker.Name.LastName();
            var zone = _rng.Pick(zones);
            var user = new SalesUser(_rng.Guid(), first, last, $"{first}.{last}@contoso.example".ToLowerInvariant(), zone.Zone, zone.Offset);
            _users.Add(user);
            _ownerSkill[user.Id] = _rng.Normal(0, 0.35);
        }
    }

    private Guid CurrencyFor(string country) => country switch
    {
        "DE" or "FR" or "NL" => _currencies[1].Id,
        "GB" => _currencies[2].Id,
        "JP" => _currencies[3].Id,
        "CN" => _currencies[4].Id,
        _ => _currencies[0].Id,
    };

    private Currency CurrencyById(Guid id) => _currencies.First(c => c.Id == id);

    private static int UtcOffsetFor(string country, SeededRandom rng) => country switch
    {
        "US" => rng.Pick([-300, -360, -420, -480]),
        "GB" => 0,
        "JP" => 540,
        "CN" => 480,
        _ => 60,
    };

    private static decimal ToCurrency(double baseAmount, Currency currency) =>
        Math.Round((decimal)baseAmount * currency.RateToBase, currency.Precision);

    /// <summary>Introduces a realistic typo: swaps two adjacent letters, drops or doubles one.</summary>
    internal static string Typo(string text, SeededRandom rng)
    {
        if (text.Length < 4)
        {
            return text;
        }

        var i = rng.Int(1, text.Length - 2);
        if (!char.IsLetter(text[i]) || !char.IsLetter(text[i + 1]))
        {
            return text;
        }

        return rng.Int(0, 3) switch
        {
            0 => string.Concat(text.AsSpan(0, i), text[i + 1].ToString(), text[i].ToString(), text.AsSpan(i + 2)),
            1 => string.Concat(text.AsSpan(0, i), text.AsSpan(i + 1)),
            _ => string.Concat(text.AsSpan(0, i + 1), text.AsSpan(i)),
        };
    }

    private sealed record AccountLatent(double[] Taste, double OrderRate, double Dissatisfaction, double ChurnHazard, double[] ProductCumulative);
}
