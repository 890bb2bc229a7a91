using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Generation;

namespace CrmExtensions.Sandbox.Dataverse;

/// <summary>
/// Applies realistic user edits to an org: new leads and activities, lead progress, opportunity closes, cases opened
/// and resolved, account updates, a few deletions. Deterministic for a seed. Callers hold the org's gate.
/// </summary>
internal sealed class ChangeSimulator
{
    private static readonly string[] FirstNames = ["Ana", "Ben", "Chen", "Dana", "Eli", "Fatima", "Gus", "Hana", "Ivan", "Jun"];
    private static readonly string[] LastNames = ["Ng", "Smith", "Garcia", "Müller", "Sato", "Okafor", "Rossi", "Kim", "Dubois", "Wang"];
    private static readonly string[] Interests = ["Cloud", "Hardware", "Training", "Support plans"];
    private static readonly string[] Suffixes = ["Ltd", "GmbH", "Inc", "Co"];
    private static readonly string[] ActivityTables = ["task", "phonecall", "email"];
    private static readonly string[] ActivitySubjects = ["Follow up", "Intro call", "Quote attached", "Check-in call"];

    private readonly OrgStore _org;
    private readonly SeededRandom _rng;
    private readonly OutcomeModel? _outcomes;
    private Dictionary<Guid, int>? _activityCounts;
    private readonly Dictionary<string, List<Guid>> _ids = new(StringComparer.Ordinal);
    private readonly List<Guid> _users;
    private int _created;
    private int _updated;
    private int _deleted;

    /// <param name="org">The org to change (callers hold its gate).</param>
    /// <param name="seed">Seed of this simulation run.</param>
    /// <param name="outcomes">The generator's outcome processes; null draws lead and deal outcomes at random.</param>
    public ChangeSimulator(OrgStore org, int seed, OutcomeModel? outcomes)
    {
        _org = org;
        _rng = new SeededRandom(seed);
        _outcomes = outcomes;
        var users = org.ByLogicalName("systemuser")!;
        var accessMode = users.Table.ByLogicalName("accessmode")!.Index;
        _users = users.OrderedByPrimaryKey().Where(r => r.Get(accessMode) is 0).Select(r => r.Id).ToList();
        if (_users.Count == 0)
        {
            _users.Add(org.Identity.ApplicationUserId);
        }
    }

    public SimulationResult Apply(int count, bool publish)
    {
        for (var i = 0; i < count; i++)
        {
            var tx = new Transaction(_org, Guid.NewGuid());
            var user = _rng.Pick(_users);
            switch (_rng.Weighted([30, 20, 15, 10, 10, 10, 5]))
            {
                case 0: UpdateLead(user, tx); break;
                case 1: CreateLead(user, tx); break;
                case 2: CreateActivity(user, tx); break;
                case 3: UpdateOpportunity(user, tx); break;
                case 4: CaseChange(user, tx); break;
                case 5: UpdateAccount(user, tx); break;
                default: DeleteSomething(user, tx); break;
            }

            if (publish)
            {
                // A synchronous step may refuse a simulated edit, exactly as it would a user's.
                _ = tx.TryCommit();
            }
        }

        return new SimulationResult(_created, _updated, _deleted);
    }

    private Row? PickRow(string table, Func<Row, bool>? where = null)
    {
        var store = _org.ByLogicalName(table)!;
        if (!_ids.TryGetValue(table, out var ids))
        {
            ids = store.OrderedByPrimaryKey().Select(r => r.Id).ToList();
            _ids[table] = ids;
        }

        for (var attempt = 0; attempt < 20 && ids.Count > 0; attempt++)
        {
            if (store.Find(ids[_rng.Int(0, ids.Count)]) is { } row && (where is null || where(row)))
            {
                return row;
            }
        }

        return null;
    }

    private void Update(string table, Row row, Dictionary<string, object?> changes, Guid user, Transaction tx)
    {
        var store = _org.ByLogicalName(table)!;
        _org.Update(store, row, changes.ToDictionary(kv => store.Table.ByLogicalName(kv.Key)!, kv => kv.Value), user, tx);
        _updated++;
    }

    private Guid Create(string table, Dictionary<string, object?> values, Guid user, Transaction tx)
    {
        var store = _org.ByLogicalName(table)!;
        values["ownerid"] = new EntityRef("systemuser", user);
        var id = _rng.Guid();
        _org.Create(store, id, values.Where(kv => store.Table.ByLogicalName(kv.Key) is not null)
            .ToDictionary(kv => store.Table.ByLogicalName(kv.Key)!, kv => kv.Value), user, tx);
        if (_ids.TryGetValue(table, out var ids))
        {
            ids.Add(id);
        }

        _created++;
        return id;
    }

    private int StateOf(string table, Row row) => row.Get(_org.ByLogicalName(table)!.Table.ByLogicalName("statecode")!.Index) as int? ?? 0;

    private void UpdateLead(Guid user, Transaction tx)
    {
        if (PickRow("lead", r => StateOf("lead", r) == 0) is not { } lead)
        {
            return;
        }

        switch (_rng.Weighted([40, 45, 15]))
        {
            case 0:
                Update("lead", lead, new() { ["statecode"] = 0, ["statuscode"] = 2 }, user, tx);
                break;
            case 1:
                CloseLead(lead, user, tx);
                break;
            default:
                Update("lead", lead, new() { ["telephone1"] = $"555-{_rng.Int(100, 999)}-{_rng.Int(1000, 9999)}" }, user, tx);
                break;
        }
    }

    /// <summary>Qualifies or disqualifies a lead by the same hidden process as the generated history.</summary>
    private void CloseLead(Row lead, Guid user, Transaction tx)
    {
        var t = _org.ByLogicalName("lead")!.Table;
        var owner = (lead.Get(t.ByLogicalName("ownerid")!.Index) as EntityRef)?.Id ?? user;
        var qualified = _outcomes is null
            ? _rng.Chance(0.35)
            : _rng.Chance(SeededRandom.Sigmoid(_outcomes.LeadLogit(
                lead.Get(t.ByLogicalName("leadsourcecode")!.Index) as int?, lead.Get(t.ByLogicalName("industrycode")!.Index) as int?,
                lead.Get(t.ByLogicalName("numberofemployees")!.Index) as int?, ActivityCount(lead.Id), owner) + _rng.Normal(0, OutcomeModel.Noise)));
        if (!qualified)
        {
            Update("lead", lead, new() { ["statecode"] = 2, ["statuscode"] = _rng.Pick([4, 5, 6]) }, user, tx);
            return;
        }

        if (PickRow("account") is not { } account)
        {
            return;
        }

        var opportunity = Create("opportunity", new()
        {
            ["name"] = $"{lead.Get(t.ByLogicalName("companyname")!.Index) as string ?? "New"} - deal",
            ["estimatedvalue"] = Math.Round((decimal)_rng.LogNormal(9.3, 1.1), 2), ["closeprobability"] = 20, ["stepname"] = "1-Qualify",
            ["estimatedclosedate"] = _org.Now.Date.AddDays(_rng.Int(20, 120)),
            ["customerid"] = new EntityRef("account", account.Id), ["parentaccountid"] = new EntityRef("account", account.Id),
            ["originatingleadid"] = new EntityRef("lead", lead.Id),
            ["transactioncurrencyid"] = lead.Get(t.ByLogicalName("transactioncurrencyid")!.Index),
        }, owner, tx);
        Update("lead", lead, new()
        {
            ["statecode"] = 1, ["statuscode"] = 3, ["parentaccountid"] = new EntityRef("account", account.Id),
            ["qualifyingopportunityid"] = new EntityRef("opportunity", opportunity),
        }, user, tx);
    }

    private int ActivityCount(Guid regardingId)
    {
        if (_activityCounts is null)
        {
            _activityCounts = [];
            foreach (var table in ActivityTables)
            {
                var store = _org.ByLogicalName(table)!;
                var regarding = store.Table.ByLogicalName("regardingobjectid")!.Index;
                foreach (var row in store.Rows)
                {
                    if (row.Get(regarding) is EntityRef r)
                    {
                        _activityCounts[r.Id] = _activityCounts.GetValueOrDefault(r.Id) + 1;
                    }
                }
            }
        }

        return _activityCounts.GetValueOrDefault(regardingId);
    }

    private void CreateLead(Guid user, Transaction tx)
    {
        var f = _rng.Pick(FirstNames);
        var l = _rng.Pick(LastNames);
        Create("lead", new()
        {
            ["subject"] = $"Interested in {_rng.Pick(Interests)}",
            ["firstname"] = f, ["lastname"] = l, ["companyname"] = $"{l} {_rng.Pick(Suffixes)}",
            ["emailaddress1"] = _rng.Chance(0.9) ? $"{f}.{l}@example.com".ToLowerInvariant() : null,
            ["leadsourcecode"] = _rng.Int(1, 11), ["industrycode"] = _rng.Chance(0.85) ? _rng.Int(1, 34) : null,
            ["numberofemployees"] = (int)Math.Clamp(_rng.LogNormal(3.6, 1.7), 1, 1_000_000),
        }, user, tx);
    }

    private void CreateActivity(Guid user, Transaction tx)
    {
        var onLead = _rng.Chance(0.6);
        if (PickRow(onLead ? "lead" : "account") is not { } regarding)
        {
            return;
        }

        var table = _rng.Pick(ActivityTables);
        var values = new Dictionary<string, object?>
        {
            ["subject"] = _rng.Pick(ActivitySubjects),
            ["regardingobjectid"] = new EntityRef(onLead ? "lead" : "account", regarding.Id),
            ["scheduledend"] = _org.Now.AddDays(_rng.Int(1, 14)),
        };
        if (table != "task")
        {
            values["directioncode"] = _rng.Chance(0.7);
        }

        Create(table, values, user, tx);
        if (_activityCounts is not null)
        {
            _activityCounts[regarding.Id] = _activityCounts.GetValueOrDefault(regarding.Id) + 1;
        }
    }

    private void UpdateOpportunity(Guid user, Transaction tx)
    {
        if (PickRow("opportunity", r => StateOf("opportunity", r) == 0) is not { } opportunity)
        {
            return;
        }

        if (_rng.Chance(0.5))
        {
            Update("opportunity", opportunity, new() { ["closeprobability"] = _rng.Int(10, 95), ["stepname"] = $"{_rng.Int(1, 4)}-{_rng.Pick(DataGenerator.Stages)}" }, user, tx);
            return;
        }

        var won = _outcomes is null ? _rng.Chance(0.4) : _rng.Chance(SeededRandom.Sigmoid(OpportunityLogit(opportunity, user) + _rng.Normal(0, OutcomeModel.Noise)));
        Update("opportunity", opportunity, won
            ? new() { ["statecode"] = 1, ["statuscode"] = 3, ["closeprobability"] = 100, ["actualclosedate"] = _org.Now.Date }
            : new() { ["statecode"] = 2, ["statuscode"] = _rng.Pick([4, 5]), ["closeprobability"] = 0, ["actualclosedate"] = _org.Now.Date }, user, tx);
    }

    /// <summary>The win log-odds of the generating process, from what the org holds about the deal.</summary>
    private double OpportunityLogit(Row opportunity, Guid user)
    {
        var t = _org.ByLogicalName("opportunity")!.Table;
        var owner = (opportunity.Get(t.ByLogicalName("ownerid")!.Index) as EntityRef)?.Id ?? user;
        var account = (opportunity.Get(t.ByLogicalName("parentaccountid")!.Index) as EntityRef)?.Id ?? Guid.Empty;
        var accounts = _org.ByLogicalName("account")!;
        var employees = accounts.Find(account)?.Get(accounts.Table.ByLogicalName("numberofemployees")!.Index) as int?;
        var sourceEffect = OutcomeModel.DirectDealSourceEffect;
        if (opportunity.Get(t.ByLogicalName("originatingleadid")!.Index) is EntityRef leadRef)
        {
            var leads = _org.ByLogicalName("lead")!;
            var source = leads.Find(leadRef.Id)?.Get(leads.Table.ByLogicalName("leadsourcecode")!.Index) as int?;
            sourceEffect = OutcomeModel.SourceEffect[source ?? 0];
        }

        var valueBase = (double)(opportunity.Get(t.ByLogicalName("estimatedvalue_base")!.Index) as decimal? ?? 10_000m);
        return _outcomes!.OpportunityLogit(sourceEffect, employees, valueBase, ActivityCount(account), owner, account);
    }

    private void CaseChange(Guid user, Transaction tx)
    {
        if (_rng.Chance(0.5) && PickRow("incident", r => StateOf("incident", r) == 0) is { } open)
        {
            // A user resolves through the UI (CloseIncident), which the store applies directly.
            Update("incident", open, new() { ["statecode"] = 1, ["statuscode"] = 5 }, user, tx);
            return;
        }

        if (PickRow("account") is not { } account)
        {
            return;
        }

        var category = _rng.Int(0, CaseCategories.Names.Count);
        Create("incident", new()
        {
            ["title"] = _rng.Pick(CaseCategories.EnglishSubjects[category]),
            ["description"] = _rng.Pick(CaseCategories.EnglishBodies[category]),
            ["prioritycode"] = _rng.Int(1, 4), ["caseorigincode"] = _rng.Pick([1, 2, 3]),
            ["subjectid"] = new EntityRef("subject", TableBuilder.StableGuid($"subject.{category}")),
            ["customerid"] = new EntityRef("account", account.Id),
            ["ticketnumber"] = $"CAS-{_rng.Int(10000, 99999)}-SIM",
        }, user, tx);
    }

    private void UpdateAccount(Guid user, Transaction tx)
    {
        if (PickRow("account") is not { } account)
        {
            return;
        }

        Update("account", account, _rng.Chance(0.5)
            ? new() { ["telephone1"] = $"555-{_rng.Int(100, 999)}-{_rng.Int(1000, 9999)}" }
            : new() { ["numberofemployees"] = _rng.Int(1, 5000) }, user, tx);
    }

    private void DeleteSomething(Guid user, Transaction tx)
    {
        var table = _rng.Chance(0.5) ? "lead" : "task";
        if (PickRow(table) is not { } row)
        {
            return;
        }

        _org.Delete(_org.ByLogicalName(table)!, row, user, tx);
        _deleted++;
    }
}
