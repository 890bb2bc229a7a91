namespace CrmExtensions.Sandbox.Generation;

internal sealed partial class DataGenerator
{
    private static readonly double[] SourceWeights = [0, 10, 6, 6, 8, 4, 6, 8, 35, 7, 10];
    private static readonly string[] Topics =
        ["Interested in {0}", "Pricing for {0}", "Demo request: {0}", "{0} for our team", "Question about {0}", "Upgrade to {0}"];

    private void GenerateLeads()
    {
        for (var i = 0; i < _scale; i++)
        {
            if (i > 10 && _rng.Chance(0.03))
            {
                AddDuplicateLead(_leads[_rng.Int(0, _leads.Count)]);
                continue;
            }

            AddLead();
        }
    }

    private void AddLead()
    {
        var source = _rng.Weighted(SourceWeights);
        var industry = _rng.Int(1, 34);
        var employees = (int)Math.Clamp(_rng.LogNormal(3.6, 1.7), 1, 1_000_000);
        var created = _rng.Between(_asOf.AddYears(-2), _asOf.AddHours(-2));
        var owner = _rng.Pick(_users);
        var engagement = _rng.Normal();
        var age = (_asOf - created).TotalDays;

        // Activities happen in the first weeks of a lead's life; their count is the observable trace of engagement.
        var activityCount = _rng.Poisson(Math.Exp(0.5 + (0.55 * engagement)));
        var leadId = _rng.Guid();
        for (var a = 0; a < activityCount; a++)
        {
            var when = created.AddHours(_rng.Uniform() * Math.Min(age, 40) * 24);
            AddActivity(true, leadId, owner.Id, when > _asOf ? _asOf.AddMinutes(-1) : when);
        }

        var logit = _outcomes.LeadLogit(source, industry, employees, activityCount, owner.Id);
        var qualified = _rng.Chance(SeededRandom.Sigmoid(logit + _rng.Normal(0, OutcomeModel.Noise)));

        var closed = age > 45 ? _rng.Chance(0.92) : _rng.Chance(age / 90);
        var state = closed ? (qualified ? LeadState.Qualified : LeadState.Disqualified) : LeadState.Open;
        var reason = state switch
        {
            LeadState.Qualified => LeadReason.Qualified,
            LeadState.Disqualified => (LeadReason)_rng.Pick([4, 5, 6, 6, 5]),
            _ => activityCount > 0 ? LeadReason.Contacted : LeadReason.New,
        };
        if (closed)
        {
            _leadLogit[leadId] = logit;
        }

        var first = _faker.Name.FirstName();
        var last = _faker.Name.LastName();
        var company = _faker.Company.CompanyName();
        var currency = _currencies[_rng.Weighted([60, 15, 10, 7, 8])];
        var modified = closed ? created.AddDays(Math.Min(age - 0.01, 5 + _rng.Exponential(1 / 20.0))) : created;
        var lead = new Lead(
            leadId, string.Format(System.Globalization.CultureInfo.InvariantCulture, _rng.Pick(Topics), _faker.Commerce.ProductName()),
            first, last,
            _rng.Chance(0.05) ? null : (_rng.Chance(0.03) ? Typo(company, _rng) : company),
            _rng.Chance(0.08) ? null : _faker.Internet.Email(first, last).ToLowerInvariant(),
            _rng.Chance(0.2) ? null : _faker.Phone.PhoneNumber("###-###-####"),
            _rng.Chance(0.07) ? null : source,
            _rng.Chance(0.15) ? null : industry,
            _rng.Chance(0.18) ? null : employees,
            _rng.Chance(0.35) ? null : ToCurrency(employees * _rng.LogNormal(11.3, 0.7), currency),
            currency.Id, owner.Id, state, reason,
            _rng.Chance(0.4) ? null : Math.Clamp(2 - (int)Math.Round(logit + _rng.Normal(0, 1.2)), 1, 3),
            null, null, null, created, modified);

        if (state == LeadState.Qualified)
        {
            lead = Qualify(lead, source);
        }

        _leads.Add(lead);
    }

    private void AddDuplicateLead(Lead original)
    {
        // Same person entering again through another channel: new id, small typos, usually closed as a duplicate.
        var created = original.CreatedOn.AddDays(_rng.Int(0, 20));
        if (created > _asOf)
        {
            created = _asOf.AddHours(-1);
        }

        var closedAsDuplicate = _rng.Chance(0.6);
        _leads.Add(original with
        {
            Id = _rng.Guid(),
            LastName = _rng.Chance(0.5) ? Typo(original.LastName, _rng) : original.LastName,
            Email = original.Email is null ? null : (_rng.Chance(0.5) ? original.Email.ToUpperInvariant() : original.Email),
            Company = original.Company is null || _rng.Chance(0.5) ? original.Company : Typo(original.Company, _rng),
            State = closedAsDuplicate ? LeadState.Disqualified : LeadState.Open,
            Reason = closedAsDuplicate ? LeadReason.Canceled : LeadReason.New,
            AccountId = null, ContactId = null, OpportunityId = null,
            CreatedOn = created, ModifiedOn = created,
        });
    }

    private Lead Qualify(Lead lead, int source)
    {
        var account = _accounts[_rng.Int(0, _accounts.Count)];
        var contacts = _contactsByAccount[account.Id];
        var contact = contacts.Count > 0 ? contacts[0] : null;
        var opportunity = AddOpportunity(account, contact?.Id, lead.Id, OutcomeModel.SourceEffect[source], lead.ModifiedOn, lead.OwnerId);
        return lead with { AccountId = account.Id, ContactId = contact?.Id, OpportunityId = opportunity.Id };
    }

    private void GenerateAccountOpportunities()
    {
        var count = _accounts.Count / 5;
        for (var i = 0; i < count; i++)
        {
            var account = _accounts[_rng.Int(0, _accounts.Count)];
            var contacts = _contactsByAccount[account.Id];
            var created = _rng.Between(account.CreatedOn, _asOf.AddDays(-1));
            AddOpportunity(account, contacts.Count > 0 ? _rng.Pick(contacts).Id : null, null, OutcomeModel.DirectDealSourceEffect, created, account.OwnerId);
        }
    }

    private Opportunity AddOpportunity(Account account, Guid? contactId, Guid? leadId, double sourceEffect, DateTime created, Guid ownerId)
    {
        var id = _rng.Guid();
        var currency = CurrencyById(account.CurrencyId);
        var valueBase = _rng.LogNormal(9.3, 1.1);
        var age = (_asOf - created).TotalDays;
        var logit = _outcomes.OpportunityLogit(sourceEffect, account.Employees, valueBase, _accountActivityCount.GetValueOrDefault(account.Id), ownerId, account.Id);
        var won = _rng.Chance(SeededRandom.Sigmoid(logit + _rng.Normal(0, OutcomeModel.Noise)));
        var closed = age > 60 ? _rng.Chance(0.85) : _rng.Chance(age / 120);
        var state = closed ? (won ? DealState.Won : DealState.Lost) : DealState.Open;
        if (closed)
        {
            _opportunityLogit[id] = logit;
        }

        // Stage history: won deals pass every stage, lost ones stop early, open ones are somewhere on the way.
        var lastStage = state switch
        {
            DealState.Won => Stages.Length - 1,
            DealState.Lost => _rng.Int(0, Stages.Length),
            _ => _rng.Int(0, Stages.Length - 1),
        };
        var when = created;
        var horizon = closed ? created.AddDays(Math.Min(age - 0.01, 10 + _rng.Exponential(1 / 40.0))) : _asOf.AddMinutes(-1);
        string? previous = null;
        for (var s = 0; s <= lastStage; s++)
        {
            _stageChanges.Add(new StageChange(_rng.Guid(), id, previous, Stages[s], when));
            previous = Stages[s];
            when = when.AddSeconds(Math.Max(1, (horizon - when).TotalSeconds * _rng.Uniform() * 0.5));
            when = new DateTime(when.Ticks - (when.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        }

        var estimated = ToCurrency(valueBase, currency);
        var closeDate = closed ? DateOnly.FromDateTime(horizon) : DateOnly.FromDateTime(_asOf.AddDays(_rng.Int(5, 120)));
        var probability = state switch
        {
            DealState.Won => 100,
            DealState.Lost => 0,
            _ => Math.Clamp((lastStage + 1) * 20 + _rng.Int(-10, 11), 5, 95),
        };
        var opportunity = new Opportunity(
            id, $"{account.Name} - {_faker.Commerce.ProductName()}", account.Id, contactId, leadId, account.CurrencyId, ownerId,
            estimated, state == DealState.Won ? Math.Round(estimated * (decimal)(0.85 + (0.2 * _rng.Uniform())), currency.Precision) : null,
            probability, closeDate, closed ? closeDate : null, state, Stages[lastStage], created, closed ? horizon : when);
        _opportunities.Add(opportunity);
        return opportunity;
    }
}
