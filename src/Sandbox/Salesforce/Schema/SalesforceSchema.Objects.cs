using CrmExtensions.Sandbox.Dataverse.Store;

namespace CrmExtensions.Sandbox.Salesforce.Schema;

internal sealed partial class SalesforceSchema
{
    private static readonly string[] Industries =
        ["Accounting", "Agriculture and Non-petrol Natural Resource Extraction", "Broadcasting Printing and Publishing", "Brokers",
        "Building Supply Retail", "Business Services", "Consulting", "Consumer Services", "Design, Direction and Creative Management",
        "Distributors, Dispatchers and Processors", "Doctor's Offices and Clinics", "Durable Manufacturing", "Eating and Drinking Places",
        "Entertainment Retail", "Equipment Rental and Leasing", "Financial", "Food and Tobacco Processing", "Inbound Capital Intensive Processing",
        "Inbound Repair and Services", "Insurance", "Legal Services", "Non-Durable Merchandise Retail", "Outbound Consumer Service",
        "Petrochemical Extraction and Distribution", "Service Retail", "SIG Affiliations", "Social Services", "Special Outbound Trade Contractors",
        "Specialty Realty", "Transportation", "Utility Creation and Distribution", "Vehicle Retail", "Wholesale"];

    private static readonly string[] LeadSources =
        ["Advertisement", "Employee Referral", "External Referral", "Partner", "Public Relations", "Seminar", "Trade Show", "Web", "Word of Mouth", "Other"];

    /// <summary>Default lead statuses of a fresh org (salesforce.md §6 describe example; UNVERIFIED per org).</summary>
    public static readonly string[] LeadStatuses = ["Open - Not Contacted", "Working - Contacted", "Closed - Converted", "Closed - Not Converted"];

    /// <summary>Default opportunity stages (salesforce.md §9, UNVERIFIED per org).</summary>
    public static readonly string[] Stages =
        ["Prospecting", "Qualification", "Needs Analysis", "Value Proposition", "Id. Decision Makers", "Perception Analysis", "Proposal/Price Quote", "Negotiation/Review", "Closed Won", "Closed Lost"];

    private static SfObject Lead(IReadOnlyList<string> custom) => new("Lead", "Lead", "00Q", "lead",
    [
        Id("Lead ID"), Str("FirstName", "First Name", "firstname", 40), Str("LastName", "Last Name", "lastname", 80),
        Calc("Name", "Full Name", "string", c => c.Get("fullname")), Str("Company", "Company", "companyname", 255),
        Str("Email", "Email", "emailaddress1", 80, type: "email"), Str("Phone", "Phone", "telephone1", 40, type: "phone"),
        Pick("LeadSource", "Lead Source", "leadsourcecode", LeadSources), Pick("Industry", "Industry", "industrycode", Industries),
        Num("NumberOfEmployees", "Employees", "numberofemployees", "int"), Num("AnnualRevenue", "Annual Revenue", "revenue", "currency"),
        Pick("Rating", "Rating", "leadqualitycode", ["Hot", "Warm", "Cold"]),
        new("Status", "Status", "picklist", c => LeadStatus(c.Get("statuscode") as int?))
        {
            Length = 255, Nillable = false, Picklist = LeadStatuses, Write = WriteLeadStatus,
        },
        Calc("IsConverted", "Converted", "boolean", c => c.Get("statecode") is 1),
        new("ConvertedDate", "Converted Date", "date", c => c.Get("statecode") is 1 && c.Get("modifiedon") is DateTime d ? DateOnly.FromDateTime(d) : null),
        Converted("ConvertedAccountId", "Converted Account ID", "parentaccountid", "Account"),
        Converted("ConvertedContactId", "Converted Contact ID", "parentcontactid", "Contact"),
        Converted("ConvertedOpportunityId", "Converted Opportunity ID", "qualifyingopportunityid", "Opportunity"),
        .. SystemFields("Lead"), .. Custom("Lead", custom),
    ]);

    private static SfField Converted(string name, string label, string column, string to) =>
        new(name, label, "reference", c => c.Get("statecode") is 1 && c.Get(column) is EntityRef r ? c.Org.IdOf(r.LogicalName, r.Id) : null) { Length = 18, ReferenceTo = to };

    /// <summary>Dataverse lead status → the default Salesforce lead status with the same meaning.</summary>
    private static string? LeadStatus(int? status) => status switch
    {
        null => null,
        1 => LeadStatuses[0],
        2 => LeadStatuses[1],
        3 => LeadStatuses[2],
        _ => LeadStatuses[3],
    };

    private static string? WriteLeadStatus(SfWriteContext w, object? value)
    {
        var (state, status) = (value as string) switch
        {
            "Open - Not Contacted" => (0, 1),
            "Working - Contacted" => (0, 2),
            "Closed - Not Converted" => (2, 4),
            _ => (-1, -1),
        };
        if (state < 0)
        {
            // Conversion is its own operation (convertLead), not a status edit.
            return $"bad value for restricted picklist field: {value}";
        }

        w.Set("statecode", state);
        w.Set("statuscode", status);
        return null;
    }

    private static SfObject Account(IReadOnlyList<string> custom) => new("Account", "Account", "001", "account",
    [
        Id("Account ID"), Str("Name", "Account Name", "name", 255), Str("AccountNumber", "Account Number", "accountnumber", 40),
        Str("Phone", "Account Phone", "telephone1", 40, type: "phone"), Str("Website", "Website", "websiteurl", 255, type: "url"),
        Str("BillingCity", "Billing City", "address1_city", 40), Str("BillingCountry", "Billing Country", "address1_country", 80),
        Pick("Industry", "Industry", "industrycode", Industries), Num("NumberOfEmployees", "Employees", "numberofemployees", "int"),
        Num("AnnualRevenue", "Annual Revenue", "revenue", "currency"),
        Pick("Type", "Account Type", "accountcategorycode", ["Preferred Customer", "Standard"]),
        Str("Description", "Account Description", "description", 32000, type: "textarea"),
        .. SystemFields("Account"), .. Custom("Account", custom),
    ]);

    private static SfObject Contact(IReadOnlyList<string> custom) => new("Contact", "Contact", "003", "contact",
    [
        Id("Contact ID"), Ref("AccountId", "Account ID", "parentcustomerid", "Account", "account"),
        Str("FirstName", "First Name", "firstname", 40), Str("LastName", "Last Name", "lastname", 80), Calc("Name", "Full Name", "string", c => c.Get("fullname")),
        Str("Email", "Email", "emailaddress1", 80, type: "email"), Str("Title", "Title", "jobtitle", 128), Str("Phone", "Business Phone", "telephone1", 40, type: "phone"),
        .. SystemFields("Contact"), .. Custom("Contact", custom),
    ]);

    private static SfObject Opportunity(IReadOnlyList<string> custom) => new("Opportunity", "Opportunity", "006", "opportunity",
    [
        Id("Opportunity ID"), Str("Name", "Name", "name", 120), Ref("AccountId", "Account ID", "parentaccountid", "Account"),
        Ref("ContactId", "Contact ID", "parentcontactid", "Contact"), Num("Amount", "Amount", "estimatedvalue", "currency"),
        Num("Probability", "Probability (%)", "closeprobability", "percent"),
        new("CloseDate", "Close Date", "date", c => (c.Get("actualclosedate") ?? c.Get("estimatedclosedate")) is DateTime d ? DateOnly.FromDateTime(d) : null) { Nillable = false },
        new("StageName", "Stage", "picklist", c => StageOf(c)) { Length = 255, Nillable = false, Picklist = Stages },
        Calc("IsClosed", "Closed", "boolean", c => c.Get("statecode") is 1 or 2), Calc("IsWon", "Won", "boolean", c => c.Get("statecode") is 1),
        .. SystemFields("Opportunity"), .. Custom("Opportunity", custom),
    ]);

    private static string StageOf(SfReadContext c)
    {
        // Dataverse keeps "n-Stage" (Qualify, Develop, Propose, Close); closed deals read as Closed Won / Closed Lost.
        return c.Get("statecode") switch
        {
            1 => "Closed Won",
            2 => "Closed Lost",
            _ => (c.Get("stepname") as string)?.Split('-', 2) is [_, var stage] ? stage switch
            {
                "Qualify" => "Qualification",
                "Develop" => "Needs Analysis",
                "Propose" => "Proposal/Price Quote",
                "Close" => "Negotiation/Review",
                _ => "Prospecting",
            } : "Prospecting",
        };
    }

    private static SfObject Product2() => new("Product2", "Product", "01t", "product",
    [
        Id("Product ID"), Str("Name", "Product Name", "name", 255), Str("ProductCode", "Product Code", "productnumber", 255),
        new("Family", "Product Family", "picklist", c => c.Get("parentproductid") is EntityRef r
            ? c.Org.Store.ByLogicalName("product")!.Find(r.Id)?.Get(c.Table.ByLogicalName("name")!.Index) : null) { Length = 255 },
        Calc("IsActive", "Active", "boolean", c => c.Get("statecode") is 0), Str("Description", "Product Description", "description", 4000, type: "textarea"),
        .. SystemFields("Product2"),
    ])
    {
        // Product families are product rows in Dataverse; in Salesforce a family is only the Family picklist.
        Include = (row, table) => row.Get(table.ByLogicalName("productstructure")!.Index) is not 2,
    };

    private static SfObject Order() => new("Order", "Order", "801", "salesorder",
    [
        Id("Order ID"), Str("Name", "Order Name", "name", 80, updateable: false), Str("OrderNumber", "Order Number", "ordernumber", 30, updateable: false),
        Ref("AccountId", "Account ID", "customerid", "Account", "account"), Ref("OpportunityId", "Opportunity ID", "opportunityid", "Opportunity"),
        Ref("Pricebook2Id", "Price Book ID", "pricelevelid", "Pricebook2"),
        new("Status", "Status", "picklist", c => c.Get("statecode") is 0 ? "Draft" : "Activated") { Length = 40, Nillable = false, Picklist = ["Draft", "Activated"] },
        new("EffectiveDate", "Order Start Date", "date", c => c.Get("submitdate") is DateTime d ? DateOnly.FromDateTime(d) : null) { Nillable = false },
        Num("TotalAmount", "Order Amount", "totalamount", "currency", updateable: false),
        .. SystemFields("Order"),
    ]);

    private static SfObject OrderItem() => new("OrderItem", "Order Product", "802", "salesorderdetail",
    [
        Id("Order Product ID"), Ref("OrderId", "Order ID", "salesorderid", "Order"), Ref("Product2Id", "Product ID", "productid", "Product2"),
        new("PricebookEntryId", "Price Book Entry ID", "reference", PricebookEntryOf) { Length = 18, Nillable = false, ReferenceTo = "PricebookEntry" },
        Num("Quantity", "Quantity", "quantity", "double"), Num("UnitPrice", "Unit Price", "priceperunit", "currency"),
        new("TotalPrice", "Total Price", "currency", c => c.Get("quantity") is decimal q && c.Get("priceperunit") is decimal p ? (q * p) - (c.Get("manualdiscountamount") as decimal? ?? 0m) : null),
        .. SystemFields("OrderItem"),
    ]);

    private static string? PricebookEntryOf(SfReadContext c)
    {
        // PricebookEntry = the price-list item of the order's price list for the line's product.
        if (c.Get("salesorderid") is not EntityRef order || c.Get("productid") is not EntityRef product)
        {
            return null;
        }

        var orders = c.Org.Store.ByLogicalName("salesorder")!;
        var priceList = orders.Find(order.Id)?.Get(orders.Table.ByLogicalName("pricelevelid")!.Index) as EntityRef;
        return priceList is null ? null : c.Org.IdOf("productpricelevel", c.Org.PriceListItem(priceList.Id, product.Id));
    }

    private static SfObject Case(IReadOnlyList<string> custom) => new("Case", "Case", "500", "incident",
    [
        Id("Case ID"), Str("CaseNumber", "Case Number", "ticketnumber", 30, updateable: false), Str("Subject", "Subject", "title", 255),
        Str("Description", "Description", "description", 32000, type: "textarea"),
        Pick("Type", "Case Type", "casetypecode", ["Question", "Problem", "Request"]),
        new("Reason", "Case Reason", "picklist", c => c.Get("subjectid") is EntityRef r
            ? c.Org.Store.ByLogicalName("subject")!.Find(r.Id)?.Get(c.Org.Store.ByLogicalName("subject")!.Table.ByLogicalName("title")!.Index) : null) { Length = 255 },
        new("Priority", "Priority", "picklist", c => c.Get("prioritycode") switch { 1 => "High", 2 => "Medium", 3 => "Low", _ => null }) { Length = 40, Picklist = ["High", "Medium", "Low"] },
        Pick("Origin", "Case Origin", "caseorigincode", ["Phone", "Email", "Web"], updateable: false),
        new("Status", "Status", "picklist", c => c.Get("statecode") switch { 0 => c.Get("statuscode") is 1 ? "New" : "Working", _ => "Closed" }) { Length = 40, Picklist = ["New", "Working", "Escalated", "Closed"] },
        Calc("IsClosed", "Closed", "boolean", c => c.Get("statecode") is 1 or 2),
        new("ClosedDate", "Closed Date", "datetime", c => c.Get("statecode") is 1 or 2 ? c.Get("modifiedon") : null),
        Ref("AccountId", "Account ID", "customerid", "Account", "account"), Ref("ContactId", "Contact ID", "primarycontactid", "Contact"),
        .. SystemFields("Case"), .. Custom("Case", custom),
    ]);

    private static SfObject Task(IReadOnlyList<string> custom) => new("Task", "Task", "00T", "task",
    [
        Id("Activity ID"), Str("Subject", "Subject", "subject", 255), Str("Description", "Description", "description", 32000, type: "textarea"),
        new("ActivityDate", "Due Date Only", "date", c => c.Get("scheduledend") is DateTime d ? DateOnly.FromDateTime(d) : null),
        new("Status", "Status", "picklist", c => c.Get("statecode") is 1 ? "Completed" : "Not Started") { Length = 40, Nillable = false, Picklist = ["Not Started", "In Progress", "Completed"] },
        Calc("TaskSubtype", "Task Subtype", "picklist", _ => "Task"),
        Ref("WhatId", "Related To ID", "regardingobjectid", "Account", "account"), Ref("WhoId", "Name ID", "regardingobjectid", "Lead", "lead"),
        .. SystemFields("Task"), .. Custom("Task", custom),
    ]);

    private static SfObject User() => new("User", "User", "005", "systemuser",
    [
        Id("User ID"), Str("FirstName", "First Name", "firstname", 40, updateable: false), Str("LastName", "Last Name", "lastname", 80, updateable: false),
        Calc("Name", "Full Name", "string", c => c.Get("fullname")), Str("Email", "Email", "internalemailaddress", 128, updateable: false, type: "email"),
        Calc("IsActive", "Active", "boolean", c => c.Get("isdisabled") is not true),
        new("CreatedDate", "Created Date", "datetime", c => c.Get("createdon")), new("SystemModstamp", "System Modstamp", "datetime", c => c.Get("modifiedon")),
    ]);

    private static SfObject Pricebook2() => new("Pricebook2", "Price Book", "01s", "pricelevel",
    [
        Id("Price Book ID"), Str("Name", "Price Book Name", "name", 255, updateable: false), Calc("IsActive", "Active", "boolean", _ => true),
        .. SystemFields("Pricebook2"),
    ]);

    private static SfObject PricebookEntry() => new("PricebookEntry", "Price Book Entry", "01u", "productpricelevel",
    [
        Id("Price Book Entry ID"), Ref("Pricebook2Id", "Price Book ID", "pricelevelid", "Pricebook2"), Ref("Product2Id", "Product ID", "productid", "Product2"),
        Num("UnitPrice", "List Price", "amount", "currency", updateable: false), Calc("IsActive", "Active", "boolean", _ => true),
        .. SystemFields("PricebookEntry"),
    ]);
}
