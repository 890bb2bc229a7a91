namespace CrmExtensions.Sandbox.Generation;

internal sealed partial class DataGenerator
{
    private static readonly string[] Categories =
        ["Hardware", "Software", "Services", "Training", "Support plans", "Accessories", "Cloud", "Consumables"];

    private const int TasteDimensions = 4;

    private void GenerateProducts()
    {
        // Products of one category share a factor vector, so account tastes act by category (docs/sandbox-data.md §Purchases).
        var categoryFactors = Categories.Select(_ => Enumerable.Range(0, TasteDimensions).Select(_ => _rng.Normal()).ToArray()).ToArray();
        var count = Math.Clamp(_scale / 100, 24, 400);
        for (var i = 0; i < count; i++)
        {
            var category = i % Categories.Length;
            var name = $"{_faker.Commerce.ProductAdjective()} {_faker.Commerce.Product()} {i + 1}";
            var price = Math.Round((decimal)_rng.LogNormal(4.6, 0.9), 2);
            _products.Add(new Product(_rng.Guid(), name, $"P-{10000 + i}", Categories[category], price,
                _asOf.AddDays(-900 + _rng.Int(0, 200))));
            _productFactors.Add(categoryFactors[category].Select(v => v + _rng.Normal(0, 0.5)).ToArray());
            _productPopularity.Add(_rng.Normal(0, 1));
        }

        foreach (var currency in _currencies)
        {
            var list = new PriceList(_rng.Guid(), $"Standard {currency.Code}", currency.Id);
            _priceLists.Add(list);
            foreach (var product in _products)
            {
                var amount = Math.Round(product.ListPrice * currency.RateToBase * (decimal)(1 + _rng.Normal(0, 0.03)), currency.Precision);
                _priceListItems.Add(new PriceListItem(_rng.Guid(), list.Id, product.Id, amount));
                _prices[(list.Id, product.Id)] = amount;
            }
        }
    }

    private void GenerateAccounts()
    {
        var count = Math.Max(10, _scale / 4);
        for (var i = 0; i < count; i++)
        {
            var country = Countries[_rng.Weighted(CountryWeights)];
            var currencyId = CurrencyFor(country);
            var employees = (int)Math.Clamp(_rng.LogNormal(4.0, 1.6), 1, 1_000_000);
            var revenueBase = employees * _rng.LogNormal(11.5, 0.6);
            var created = _rng.Between(_asOf.AddYears(-4), _asOf.AddDays(-200));
            var name = country == "CN" && _rng.Chance(0.5) ? _fakerZh.Company.CompanyName() : _faker.Company.CompanyName();
            if (_rng.Chance(0.03))
            {
                name = Typo(name, _rng);
            }

            var account = new Account(
                _rng.Guid(), name,
                _rng.Chance(0.1) ? null : _rng.Int(1, 34),
                _rng.Chance(0.12) ? null : employees,
                _rng.Chance(0.3) ? null : ToCurrency(revenueBase, CurrencyById(currencyId)),
                currencyId, _rng.Pick(_users).Id,
                _rng.Chance(0.08) ? null : (country == "CN" ? _fakerZh.Address.City() : _faker.Address.City()),
                country, UtcOffsetFor(country, _rng),
                _rng.Chance(0.4) ? null : _rng.Int(1, 3),
                _rng.Chance(0.15) ? null : _faker.Phone.PhoneNumber("###-###-####"),
                _rng.Chance(0.2) ? null : "https://www." + _faker.Internet.DomainName(),
                created, created);

            var taste = Enumerable.Range(0, TasteDimensions).Select(_ => _rng.Normal()).ToArray();
            var sizeFactor = Math.Log10(employees + 1);
            var orderRate = _rng.LogNormal(Math.Log(2.5), 0.5) * (0.6 + (0.25 * sizeFactor));
            var dissatisfaction = _rng.Normal();
            var industryEffect = _industryChurnEffect[account.Industry ?? 0];
            var hazard = 0.1 * Math.Exp((0.7 * dissatisfaction) + industryEffect - (0.25 * (sizeFactor - 1.7)) + _rng.Normal(0, 0.4));
            _dissatisfaction[account.Id] = dissatisfaction;
            _accountLatent[account.Id] = new AccountLatent(taste, orderRate, dissatisfaction, hazard, ProductCumulative(taste));
            _accounts.Add(account);
            GenerateContacts(account);
        }
    }

    private double[] ProductCumulative(double[] taste)
    {
        var cumulative = new double[_products.Count];
        var total = 0.0;
        for (var p = 0; p < _products.Count; p++)
        {
            var dot = 0.0;
            for (var d = 0; d < TasteDimensions; d++)
            {
                dot += taste[d] * _productFactors[p][d];
            }

            total += Math.Exp((0.55 * dot) + (0.6 * _productPopularity[p]));
            cumulative[p] = total;
        }

        return cumulative;
    }

    private void GenerateContacts(Account account)
    {
        var list = new List<Contact>();
        var n = 1 + _rng.Poisson(1.0);
        var zh = account.Country == "CN";
        for (var i = 0; i < n; i++)
        {
            var faker = zh && _rng.Chance(0.7) ? _fakerZh : _faker;
            var first = faker.Name.FirstName();
            var last = faker.Name.LastName();
            var created = _rng.Between(account.CreatedOn, _asOf.AddDays(-30));
            var contact = new Contact(
                _rng.Guid(), first, _rng.Chance(0.02) ? Typo(last, _rng) : last,
                _rng.Chance(0.1) ? null : _faker.Internet.Email(first, last).ToLowerInvariant(),
                _rng.Chance(0.3) ? null : _faker.Name.JobTitle(),
                _rng.Chance(0.25) ? null : _faker.Phone.PhoneNumber("###-###-####"),
                _rng.Chance(0.05) ? null : account.Id,
                account.OwnerId, created, created);
            _contacts.Add(contact);
            list.Add(contact);
        }

        _contactsByAccount[account.Id] = list;
    }

    private void GenerateAccountActivities()
    {
        foreach (var account in _accounts)
        {
            var n = _rng.Poisson(1.5 + (0.5 * Math.Log10((account.Employees ?? 50) + 1)));
            for (var i = 0; i < n; i++)
            {
                AddActivity(false, account.Id, account.OwnerId, _rng.Between(account.CreatedOn, _asOf.AddHours(-1)));
            }
        }
    }

    private void AddActivity(bool regardingLead, Guid regardingId, Guid ownerId, DateTime created)
    {
        var kind = (ActivityKind)_rng.Weighted([0.4, 0.35, 0.25]);
        var completed = created < _asOf.AddDays(-7) ? _rng.Chance(0.9) : _rng.Chance(0.3);
        var due = created.AddDays(_rng.Int(0, 14));
        var subject = kind switch
        {
            ActivityKind.Task => _rng.Pick(["Follow up", "Send proposal", "Prepare demo", "Check references", "Update quote"]),
            ActivityKind.PhoneCall => _rng.Pick(["Intro call", "Discovery call", "Pricing call", "Check-in call"]),
            _ => _rng.Pick(["Re: your enquiry", "Product information", "Meeting follow-up", "Quote attached"]),
        };
        var completedOn = completed ? due.AddHours(_rng.Int(-48, 48)) : (DateTime?)null;
        if (completedOn > _asOf)
        {
            completedOn = _asOf.AddHours(-1);
        }

        _activities.Add(new Activity(
            _rng.Guid(), kind, subject, regardingLead, regardingId, ownerId,
            kind == ActivityKind.Task ? null : _rng.Chance(0.7), completed, due, completedOn, created, completedOn ?? created));
        if (!regardingLead)
        {
            _accountActivityCount[regardingId] = _accountActivityCount.GetValueOrDefault(regardingId) + 1;
        }
    }
}
