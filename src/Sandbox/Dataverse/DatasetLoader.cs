using CrmExtensions.Sandbox.Dataverse.Metadata;
using CrmExtensions.Sandbox.Dataverse.Store;
using CrmExtensions.Sandbox.Generation;

namespace CrmExtensions.Sandbox.Dataverse;

/// <summary>Maps a CRM-neutral dataset onto Dataverse tables, logical names and value formats (dataverse.md §8).</summary>
internal static class DatasetLoader
{
    public static void Load(OrgStore org, CrmDataset d, int changeTrackingRetentionDays)
    {
        var id = org.Identity;
        var bootstrap = d.AsOf.AddYears(-5);

        Put(org, "organization", id.OrganizationId, bootstrap, null, new()
        {
            ["name"] = id.Name, ["expirechangetrackingindays"] = changeTrackingRetentionDays,
        });
        Put(org, "businessunit", id.BusinessUnitId, bootstrap, null, new() { ["name"] = id.Name });
        foreach (var privilege in org.Stores.SelectMany(s => SecurityPrivileges.For(s.Table)).Concat(SecurityPrivileges.Miscellaneous).DistinctBy(p => p.Name))
        {
            Put(org, "privilege", privilege.Id, bootstrap, null, new()
            {
                ["name"] = privilege.Name, ["accessright"] = privilege.AccessRight, ["canbebasic"] = privilege.UserOwned,
                ["canbelocal"] = privilege.UserOwned, ["canbedeep"] = privilege.UserOwned, ["canbeglobal"] = true,
            });
        }

        Put(org, "systemuser", id.ApplicationUserId, bootstrap, null, new()
        {
            ["fullname"] = "# CrmExtensions sandbox app", ["lastname"] = "# CrmExtensions sandbox app", ["applicationid"] = id.ApplicationId,
            ["azureactivedirectoryobjectid"] = TableBuilder.StableGuid("aad." + id.ApplicationId),
            ["businessunitid"] = new EntityRef("businessunit", id.BusinessUnitId), ["isdisabled"] = false, ["accessmode"] = 4,
            ["domainname"] = $"{id.ApplicationId}@sandbox.example",
        });
        foreach (var u in d.Users)
        {
            Put(org, "systemuser", u.Id, bootstrap, null, new()
            {
                ["fullname"] = $"{u.FirstName} {u.LastName}", ["firstname"] = u.FirstName, ["lastname"] = u.LastName,
                ["internalemailaddress"] = u.Email, ["domainname"] = u.Email, ["businessunitid"] = new EntityRef("businessunit", id.BusinessUnitId),
                ["isdisabled"] = false, ["accessmode"] = 0, ["address1_utcoffset"] = u.UtcOffsetMinutes,
            });
        }

        foreach (var c in d.Currencies)
        {
            Put(org, "transactioncurrency", c.Id, bootstrap, null, new()
            {
                ["currencyname"] = c.Name, ["isocurrencycode"] = c.Code, ["currencysymbol"] = c.Symbol,
                ["exchangerate"] = c.RateToBase, ["currencyprecision"] = c.Precision, ["statecode"] = 0, ["statuscode"] = 1,
            });
        }

        var subjects = new Guid[CaseCategories.Names.Count];
        for (var i = 0; i < subjects.Length; i++)
        {
            subjects[i] = TableBuilder.StableGuid($"subject.{i}");
            Put(org, "subject", subjects[i], bootstrap, null, new() { ["title"] = CaseCategories.Names[i] });
        }

        var baseCurrency = d.Currencies.First(c => c.IsBase).Id;
        var families = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var category in d.Products.Select(p => p.Category).Distinct())
        {
            families[category] = TableBuilder.StableGuid("family." + category);
            Put(org, "product", families[category], bootstrap, null, new()
            {
                ["name"] = category, ["productnumber"] = "F-" + category.ToUpperInvariant().Replace(' ', '-'), ["productstructure"] = 2,
                ["transactioncurrencyid"] = Ref("transactioncurrency", baseCurrency), ["statecode"] = 0, ["statuscode"] = 1,
            });
        }

        foreach (var p in d.Products)
        {
            Put(org, "product", p.Id, p.CreatedOn, null, new()
            {
                ["name"] = p.Name, ["productnumber"] = p.Number, ["price"] = p.ListPrice, ["productstructure"] = 1,
                ["parentproductid"] = Ref("product", families[p.Category]), ["transactioncurrencyid"] = Ref("transactioncurrency", baseCurrency),
                ["statecode"] = 0, ["statuscode"] = 1,
            });
        }

        foreach (var pl in d.PriceLists)
        {
            Put(org, "pricelevel", pl.Id, bootstrap, null, new() { ["name"] = pl.Name, ["transactioncurrencyid"] = Ref("transactioncurrency", pl.CurrencyId) });
        }

        var priceListCurrency = d.PriceLists.ToDictionary(p => p.Id, p => p.CurrencyId);
        foreach (var item in d.PriceListItems)
        {
            Put(org, "productpricelevel", item.Id, bootstrap, null, new()
            {
                ["pricelevelid"] = Ref("pricelevel", item.PriceListId), ["productid"] = Ref("product", item.ProductId), ["amount"] = item.Amount,
                ["transactioncurrencyid"] = Ref("transactioncurrency", priceListCurrency[item.PriceListId]),
            });
        }

        foreach (var (name, messageId) in new[] { ("Create", DataverseSchema.CreateMessageId), ("Update", DataverseSchema.UpdateMessageId), ("Delete", DataverseSchema.DeleteMessageId) })
        {
            Put(org, "sdkmessage", messageId, bootstrap, null, new() { ["name"] = name });
            foreach (var table in org.Stores.Select(s => s.Table).Where(t => t.ChangeTrackingEnabled).OrderBy(t => t.LogicalName, StringComparer.Ordinal))
            {
                Put(org, "sdkmessagefilter", MessageFilterId(name, table.LogicalName), bootstrap, null, new()
                {
                    ["sdkmessageid"] = Ref("sdkmessage", messageId), ["primaryobjecttypecode"] = table.LogicalName,
                });
            }
        }

        LoadCustomers(org, d);
        LoadSales(org, d);
        LoadService(org, d, subjects);
    }

    private static void LoadCustomers(OrgStore org, CrmDataset d)
    {
        var number = 0;
        foreach (var a in d.Accounts)
        {
            Put(org, "account", a.Id, a.CreatedOn, a.ModifiedOn, new()
            {
                ["name"] = a.Name, ["accountnumber"] = $"ACC-{++number:D6}", ["telephone1"] = a.Phone, ["websiteurl"] = a.Website,
                ["address1_city"] = a.City, ["address1_country"] = a.Country, ["address1_utcoffset"] = a.UtcOffsetMinutes,
                ["industrycode"] = a.Industry, ["numberofemployees"] = a.Employees, ["revenue"] = a.Revenue, ["accountcategorycode"] = a.Category,
                ["transactioncurrencyid"] = Ref("transactioncurrency", a.CurrencyId), ["ownerid"] = Ref("systemuser", a.OwnerId),
                ["statecode"] = 0, ["statuscode"] = 1,
            });
        }

        foreach (var c in d.Contacts)
        {
            Put(org, "contact", c.Id, c.CreatedOn, c.ModifiedOn, new()
            {
                ["firstname"] = c.FirstName, ["lastname"] = c.LastName, ["emailaddress1"] = c.Email, ["jobtitle"] = c.JobTitle,
                ["telephone1"] = c.Phone, ["parentcustomerid"] = c.AccountId is { } acc ? Ref("account", acc) : null,
                ["ownerid"] = Ref("systemuser", c.OwnerId), ["statecode"] = 0, ["statuscode"] = 1,
            });
        }

        foreach (var l in d.Leads)
        {
            Put(org, "lead", l.Id, l.CreatedOn, l.ModifiedOn, new()
            {
                ["subject"] = l.Topic, ["firstname"] = l.FirstName, ["lastname"] = l.LastName, ["companyname"] = l.Company,
                ["emailaddress1"] = l.Email, ["telephone1"] = l.Phone, ["leadsourcecode"] = l.Source, ["industrycode"] = l.Industry,
                ["numberofemployees"] = l.Employees, ["revenue"] = l.Revenue, ["leadqualitycode"] = l.Rating,
                ["statecode"] = (int)l.State, ["statuscode"] = (int)l.Reason,
                ["parentaccountid"] = l.AccountId is { } acc ? Ref("account", acc) : null,
                ["parentcontactid"] = l.ContactId is { } con ? Ref("contact", con) : null,
                ["qualifyingopportunityid"] = l.OpportunityId is { } opp ? Ref("opportunity", opp) : null,
                ["transactioncurrencyid"] = Ref("transactioncurrency", l.CurrencyId), ["ownerid"] = Ref("systemuser", l.OwnerId),
            });
        }
    }

    private static void LoadSales(OrgStore org, CrmDataset d)
    {
        foreach (var o in d.Opportunities)
        {
            var stage = Array.IndexOf(DataGenerator.Stages, o.Stage) + 1;
            Put(org, "opportunity", o.Id, o.CreatedOn, o.ModifiedOn, new()
            {
                ["name"] = o.Name, ["estimatedvalue"] = o.EstimatedValue, ["actualvalue"] = o.ActualValue, ["closeprobability"] = o.CloseProbability,
                ["estimatedclosedate"] = o.EstimatedCloseDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                ["actualclosedate"] = o.ActualCloseDate?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                ["stepname"] = $"{stage}-{o.Stage}", ["customerid"] = Ref("account", o.AccountId), ["parentaccountid"] = Ref("account", o.AccountId),
                ["parentcontactid"] = o.ContactId is { } c ? Ref("contact", c) : null,
                ["originatingleadid"] = o.LeadId is { } l ? Ref("lead", l) : null,
                ["statecode"] = (int)o.State, ["statuscode"] = o.State switch { DealState.Won => 3, DealState.Lost => 5, _ => 1 },
                ["transactioncurrencyid"] = Ref("transactioncurrency", o.CurrencyId), ["ownerid"] = Ref("systemuser", o.OwnerId),
            });
        }

        foreach (var o in d.Orders)
        {
            var (state, status) = o.State switch { OrderState.Fulfilled => (3, 100001), OrderState.Canceled => (2, 4), _ => (0, 1) };
            Put(org, "salesorder", o.Id, o.OrderedOn, o.ModifiedOn, new()
            {
                ["name"] = o.Name, ["ordernumber"] = o.Name, ["totalamount"] = o.TotalAmount, ["customerid"] = Ref("account", o.AccountId),
                ["opportunityid"] = o.OpportunityId is { } opp ? Ref("opportunity", opp) : null, ["pricelevelid"] = Ref("pricelevel", o.PriceListId),
                ["submitdate"] = o.OrderedOn, ["datefulfilled"] = o.State == OrderState.Fulfilled ? o.ModifiedOn : null,
                ["statecode"] = state, ["statuscode"] = status,
                ["transactioncurrencyid"] = Ref("transactioncurrency", o.CurrencyId), ["ownerid"] = Ref("systemuser", o.OwnerId),
            });
        }

        var orders = d.Orders.ToDictionary(o => o.Id);
        foreach (var line in d.OrderLines)
        {
            var order = orders[line.OrderId];
            Put(org, "salesorderdetail", line.Id, order.OrderedOn, order.OrderedOn, new()
            {
                ["salesorderid"] = Ref("salesorder", line.OrderId), ["productid"] = Ref("product", line.ProductId), ["quantity"] = line.Quantity,
                ["priceperunit"] = line.PricePerUnit, ["manualdiscountamount"] = line.Discount, ["isproductoverridden"] = false,
                ["transactioncurrencyid"] = Ref("transactioncurrency", order.CurrencyId),
            });
        }
    }

    private static void LoadService(OrgStore org, CrmDataset d, Guid[] subjects)
    {
        foreach (var c in d.Cases)
        {
            var (state, status) = c.State switch { CaseState.Resolved => (1, 5), CaseState.Canceled => (2, 6), _ => (0, 1) };
            Put(org, "incident", c.Id, c.CreatedOn, c.ModifiedOn, new()
            {
                ["title"] = c.Title, ["description"] = c.Description, ["ticketnumber"] = c.Number, ["casetypecode"] = c.CaseType,
                ["prioritycode"] = c.Priority, ["caseorigincode"] = c.Origin, ["customersatisfactioncode"] = c.Satisfaction,
                ["subjectid"] = Ref("subject", subjects[c.Category - 1]), ["customerid"] = Ref("account", c.AccountId),
                ["primarycontactid"] = c.ContactId is { } con ? Ref("contact", con) : null,
                ["productid"] = c.ProductId is { } p ? Ref("product", p) : null,
                ["statecode"] = state, ["statuscode"] = status, ["ownerid"] = Ref("systemuser", c.OwnerId),
            });
        }

        foreach (var a in d.Activities)
        {
            var (table, completedStatus, openStatus) = a.Kind switch
            {
                ActivityKind.Task => ("task", 5, 2),
                ActivityKind.PhoneCall => ("phonecall", a.Outgoing == true ? 2 : 4, 1),
                _ => ("email", a.Outgoing == true ? 3 : 4, 1),
            };
            var values = new Dictionary<string, object?>
            {
                ["subject"] = a.Subject, ["scheduledend"] = a.DueOn, ["actualend"] = a.CompletedOn,
                ["regardingobjectid"] = Ref(a.RegardingIsLead ? "lead" : "account", a.RegardingId),
                ["statecode"] = a.Completed ? 1 : 0, ["statuscode"] = a.Completed ? completedStatus : openStatus,
                ["ownerid"] = Ref("systemuser", a.OwnerId),
            };
            if (a.Kind != ActivityKind.Task)
            {
                values["directioncode"] = a.Outgoing;
            }

            Put(org, table, a.Id, a.CreatedOn, a.ModifiedOn, values);
        }
    }

    /// <summary>Id of the sdkmessagefilter row for a message on a table (stable, so installers can look it up or bind it).</summary>
    public static Guid MessageFilterId(string message, string table) => TableBuilder.StableGuid($"sdkmessagefilter.{message}.{table}");

    private static EntityRef Ref(string table, Guid id) => new(table, id);

    private static void Put(OrgStore org, string table, Guid id, DateTime created, DateTime? modified, Dictionary<string, object?> values)
    {
        var store = org.ByLogicalName(table)!;
        values["createdon"] = created;
        values["modifiedon"] = modified ?? created;
        var owner = values.GetValueOrDefault("ownerid") as EntityRef;
        var by = owner ?? new EntityRef("systemuser", org.Identity.ApplicationUserId);
        values["createdby"] = by;
        values["modifiedby"] = by;
        org.Load(store, id, values);
    }
}
