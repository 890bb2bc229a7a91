using System.Globalization;

namespace CrmExtensions.Sandbox.Generation;

internal sealed partial class DataGenerator
{
    private static readonly double[] CategoryWeights = [16, 14, 15, 12, 10, 12, 9, 12];

    // Base log-odds of "High" and "Low" priority per category (docs/sandbox-data.md §Cases).
    private static readonly double[] HighPriorityBias = [-0.8, 0.3, -0.6, 0.2, -0.5, -1.0, -1.5, 1.0];

    private void GenerateCases()
    {
        var perAccount = 0.3 * _scale / _accounts.Count;
        var number = 0;
        foreach (var account in _accounts)
        {
            var latent = _accountLatent[account.Id];
            var n = _rng.Poisson(perAccount * Math.Exp(0.3 * latent.Dissatisfaction) * (0.6 + (0.2 * Math.Log10((account.Employees ?? 50) + 1))));
            var contacts = _contactsByAccount[account.Id];
            for (var i = 0; i < n; i++)
            {
                AddCase(account, contacts, latent, ++number);
            }
        }
    }

    private void AddCase(Account account, List<Contact> contacts, AccountLatent latent, int number)
    {
        var category = _rng.Weighted(CategoryWeights) + 1;
        var chinese = account.Country == "CN" ? _rng.Chance(0.7) : _rng.Chance(0.05);
        var (title, description) = CaseText(category, chinese);

        // Agents file ~4% of cases under a wrong category: irreducible label noise.
        var filedCategory = _rng.Chance(0.04) ? _rng.Int(1, CaseCategories.Names.Count + 1) : category;

        var urgent = description.Contains("URGENT", StringComparison.Ordinal) || description.Contains("紧急", StringComparison.Ordinal);
        var highLogit = HighPriorityBias[category - 1] + (urgent ? 1.2 : 0) + (0.2 * (Math.Log10((account.Employees ?? 50) + 1) - 1.7)) + _rng.Normal(0, 0.7);
        var priority = highLogit > 0.6 ? 1 : highLogit < -1.0 ? 3 : 2;

        var created = _rng.Between(account.CreatedOn, _asOf.AddHours(-1));
        var age = (_asOf - created).TotalDays;
        var resolutionDays = _rng.Exponential(priority == 1 ? 1 / 2.0 : 1 / 6.0);
        var resolved = resolutionDays < age && _rng.Chance(0.95);
        var canceled = !resolved && age > 30 && _rng.Chance(0.3);
        var state = resolved ? CaseState.Resolved : canceled ? CaseState.Canceled : CaseState.Active;
        DateTime? resolvedOn = resolved ? created.AddDays(resolutionDays) : null;
        int? satisfaction = null;
        if (resolved && _rng.Chance(0.6))
        {
            var s = 3.9 - (0.6 * latent.Dissatisfaction) - (0.12 * resolutionDays) - (priority == 1 ? 0.3 : 0) + _rng.Normal(0, 0.8);
            satisfaction = Math.Clamp((int)Math.Round(s), 1, 5);
        }

        var product = _rng.Chance(0.6) ? _products[_rng.Int(0, _products.Count)].Id : (Guid?)null;
        _cases.Add(new SupportCase(
            _rng.Guid(), $"CAS-{number:D5}-{_rng.Int(0x100000, 0xFFFFFF).ToString("X6", CultureInfo.InvariantCulture)}",
            title, description, filedCategory, priority, _rng.Weighted([35, 40, 20, 3, 2]) switch { 0 => 1, 1 => 2, 2 => 3, 3 => 2483, _ => 3986 },
            category is 4 or 8 ? 2 : category is 5 or 7 ? 3 : 1,
            satisfaction, state, account.Id, contacts.Count > 0 ? _rng.Pick(contacts).Id : null, product,
            account.OwnerId, chinese ? "zh" : "en", created, resolvedOn,
            resolvedOn ?? (canceled ? created.AddDays(30) : created)));
    }

    /// <summary>
    /// Writes a case's title and description. About 10% are generic (no category signal), about 8% are written entirely
    /// in the words of a confusable category, about 15% of the rest borrow one confusable sentence, and about 10% of
    /// English texts carry misspellings, so text classifiers cannot reach perfect accuracy (docs/sandbox-data.md).
    /// </summary>
    private (string Title, string Description) CaseText(int category, bool chinese)
    {
        var index = category - 1;
        var subjects = chinese ? CaseCategories.ChineseSubjects : CaseCategories.EnglishSubjects;
        var bodies = chinese ? CaseCategories.ChineseBodies : CaseCategories.EnglishBodies;
        var style = _rng.Uniform();
        if (style < 0.10)
        {
            return chinese
                ? (_rng.Pick(CaseCategories.ChineseGenericSubjects), _rng.Pick(CaseCategories.ChineseGenericBodies))
                : (_rng.Pick(CaseCategories.EnglishGenericSubjects), _rng.Pick(CaseCategories.EnglishGenericBodies));
        }

        if (style < 0.18)
        {
            index = CaseCategories.Confusable[index] - 1;
        }

        var title = _rng.Pick(subjects[index]);
        var sentences = new List<string> { _rng.Pick(bodies[index]) };
        if (_rng.Chance(0.5))
        {
            sentences.Add(_rng.Pick(bodies[index]));
        }

        if (_rng.Chance(0.15))
        {
            var other = CaseCategories.Confusable[index] - 1;
            sentences.Insert(_rng.Int(0, sentences.Count + 1), _rng.Pick(bodies[other]));
        }

        if (_rng.Chance(0.08))
        {
            sentences.Add(chinese ? "紧急！" : "URGENT - please help.");
        }

        var description = string.Join(chinese ? string.Empty : " ", sentences.Distinct());
        if (!chinese && _rng.Chance(0.1))
        {
            var words = description.Split(' ');
            var w = _rng.Int(0, words.Length);
            words[w] = Typo(words[w], _rng);
            description = string.Join(' ', words);
            title = _rng.Chance(0.5) ? Typo(title, _rng) : title;
        }

        if (_rng.Chance(0.1))
        {
            title = title.ToLowerInvariant();
        }

        return (title, description);
    }
}
