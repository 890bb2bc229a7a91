namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>
/// The standard tables the sandbox serves, with logical names, option sets and state/status pairs from
/// dataverse.md §8 (and the standard lists noted in docs/sandbox-data.md where §8 gives none).
/// </summary>
internal static class DataverseSchema
{
    private static readonly string[] Industries =
    [
        "Accounting", "Agriculture and Non-petrol Natural Resource Extraction", "Broadcasting Printing and Publishing", "Brokers",
        "Building Supply Retail", "Business Services", "Consulting", "Consumer Services", "Design, Direction and Creative Management",
        "Distributors, Dispatchers and Processors", "Doctor's Offices and Clinics", "Durable Manufacturing", "Eating and Drinking Places",
        "Entertainment Retail", "Equipment Rental and Leasing", "Financial", "Food and Tobacco Processing", "Inbound Capital Intensive Processing",
        "Inbound Repair and Services", "Insurance", "Legal Services", "Non-Durable Merchandise Retail", "Outbound Consumer Service",
        "Petrochemical Extraction and Distribution", "Service Retail", "SIG Affiliations", "Social Services", "Special Outbound Trade Contractors",
        "Specialty Realty", "Transportation", "Utility Creation and Distribution", "Vehicle Retail", "Wholesale",
    ];

    private static readonly string[] LeadSources =
        ["Advertisement", "Employee Referral", "External Referral", "Partner", "Public Relations", "Seminar", "Trade Show", "Web", "Word of Mouth", "Other"];

    private static readonly string[] RegardingTargets = ["account", "contact", "lead", "opportunity", "incident"];

    public static Dictionary<string, TableDef> Build()
    {
        var tables = new List<TableDef>
        {
            Organization(), BusinessUnit(), SystemUser(), TransactionCurrency(), Account(), Contact(), Lead(), Opportunity(),
            Product(), PriceLevel(), ProductPriceLevel(), SalesOrder(), SalesOrderDetail(), Incident(), Subject(),
            Activity("task", "tasks", 4212,
                [new(0, "Open", DefaultStatus: 2), new(1, "Completed", DefaultStatus: 5), new(2, "Canceled", DefaultStatus: 6)],
                [new(2, "Not Started", 0), new(3, "In Progress", 0), new(4, "Waiting on someone else", 0), new(7, "Deferred", 0), new(5, "Completed", 1), new(6, "Canceled", 2)]),
            Activity("phonecall", "phonecalls", 4210,
                [new(0, "Open", DefaultStatus: 1), new(1, "Completed", DefaultStatus: 2), new(2, "Canceled", DefaultStatus: 3)],
                [new(1, "Open", 0), new(2, "Made", 1), new(4, "Received", 1), new(3, "Canceled", 2)]),
            Activity("email", "emails", 4202,
                [new(0, "Open", DefaultStatus: 1), new(1, "Completed", DefaultStatus: 2), new(2, "Canceled", DefaultStatus: 5)],
                [new(1, "Draft", 0), new(8, "Failed", 0), new(2, "Completed", 1), new(3, "Sent", 1), new(4, "Received", 1), new(6, "Pending Send", 1), new(7, "Sending", 1), new(5, "Canceled", 2)]),
            PredictiveScore(), IncidentResolution(), Publisher(), Solution(), SolutionComponent(), SdkMessage(), SdkMessageFilter(), ServiceEndpoint(), Step(), StepImage(), AsyncOperation(),
            Role(), Privilege(), RolePrivileges(), SystemUserRoles(),
        };
        return tables.ToDictionary(t => t.LogicalName, StringComparer.Ordinal);
    }

    private static TableBuilder New(string name, string set, string id, string? primaryName, int otc, bool tracking, bool activity = false) =>
        new(new TableDef(name, set, id, primaryName, otc, tracking) { MetadataId = TableBuilder.StableGuid("table." + name), IsActivity = activity });

    private static OptionDef[] ActiveInactiveState() => [new(0, "Active", DefaultStatus: 1), new(1, "Inactive", DefaultStatus: 2)];

    private static OptionDef[] ActiveInactiveStatus() => [new(1, "Active", 0), new(2, "Inactive", 1)];

    private static TableDef Organization() =>
        New("organization", "organizations", "organizationid", "name", 1019, false)
            .Str("name", 160).Int("expirechangetrackingindays", 0, 365).Common(owned: false).Table;

    private static TableDef BusinessUnit() =>
        New("businessunit", "businessunits", "businessunitid", "name", 10, false).Str("name", 160).Lookup("parentbusinessunitid", "businessunit").Common(owned: false).Table;

    private static TableDef SystemUser() =>
        New("systemuser", "systemusers", "systemuserid", "fullname", 8, true)
            .Str("fullname", 200).Str("firstname", 64).Str("lastname", 64).Str("internalemailaddress", 100).Str("domainname", 1024)
            .Lookup("businessunitid", "businessunit").Bool("isdisabled")
            .Pick("accessmode", new OptionDef(0, "Read-Write"), new OptionDef(1, "Administrative"), new OptionDef(2, "Read"), new OptionDef(4, "Non-interactive"))
            .Guid("applicationid").Guid("azureactivedirectoryobjectid").Int("address1_utcoffset", -1500, 1500)
            .Common(owned: false).Table;

    private static TableDef TransactionCurrency() =>
        New("transactioncurrency", "transactioncurrencies", "transactioncurrencyid", "currencyname", 9105, false)
            .Str("currencyname", 100).Str("isocurrencycode", 5).Str("currencysymbol", 13).Dec("exchangerate").Int("currencyprecision", 0, 4)
            .State(ActiveInactiveState()).Status(ActiveInactiveStatus()).Common(owned: false).Table;

    private static TableDef Account() =>
        New("account", "accounts", "accountid", "name", 1, true)
            .Str("name", 160, required: true).Str("accountnumber", 20).Str("telephone1", 50).Str("fax", 50).Str("websiteurl", 200)
            .Str("address1_city", 80).Str("address1_country", 80).Int("address1_utcoffset", -1500, 1500)
            .Labels("industrycode", Industries).Int("numberofemployees", 0, 1_000_000).Money("revenue")
            .Labels("accountcategorycode", "Preferred Customer", "Standard").Memo("description", 2000)
            .Lookup("primarycontactid", "contact").Money("creditlimit", secured: true)
            .State(ActiveInactiveState()).Status(ActiveInactiveStatus()).Currency().Common().Table;

    private static TableDef Contact() =>
        New("contact", "contacts", "contactid", "fullname", 2, true)
            .Str("firstname", 50).Str("lastname", 50, required: true).Str("fullname", 160, readOnly: true).Str("emailaddress1", 100).Str("jobtitle", 100)
            .Str("telephone1", 50).Str("governmentid", 50, secured: true).Lookup("parentcustomerid", "account", "contact")
            .State(ActiveInactiveState()).Status(ActiveInactiveStatus()).Currency().Common().Table;

    private static TableDef Lead() =>
        New("lead", "leads", "leadid", "fullname", 4, true)
            .Str("subject", 300, required: true).Str("firstname", 50).Str("lastname", 50, required: true).Str("fullname", 160, readOnly: true)
            .Str("companyname", 100).Str("emailaddress1", 100).Str("telephone1", 50)
            .Labels("leadsourcecode", LeadSources).Labels("industrycode", Industries).Int("numberofemployees", 0, 1_000_000).Money("revenue")
            .Labels("leadqualitycode", "Hot", "Warm", "Cold")
            .State(new(0, "Open", DefaultStatus: 1), new(1, "Qualified", DefaultStatus: 3), new(2, "Disqualified", DefaultStatus: 4))
            .Status(new(1, "New", 0), new(2, "Contacted", 0), new(3, "Qualified", 1), new(4, "Lost", 2), new(5, "Cannot Contact", 2), new(6, "No Longer Interested", 2), new(7, "Canceled", 2))
            .Lookup("parentaccountid", "account").Lookup("parentcontactid", "contact").Lookup("qualifyingopportunityid", "opportunity")
            .Lookup("campaignid", "campaign").Currency().Common().Table;

    private static TableDef Opportunity() =>
        New("opportunity", "opportunities", "opportunityid", "name", 3, true)
            .Str("name", 300, required: true).Money("estimatedvalue").Money("actualvalue").Int("closeprobability", 0, 100)
            .Date("estimatedclosedate", dateOnly: true).Date("actualclosedate", dateOnly: true).Str("stepname", 200)
            .Lookup("customerid", "account", "contact").Lookup("parentaccountid", "account").Lookup("parentcontactid", "contact")
            .Lookup("originatingleadid", "lead")
            .State(new(0, "Open", DefaultStatus: 1), new(1, "Won", DefaultStatus: 3), new(2, "Lost", DefaultStatus: 4))
            .Status(new(1, "In Progress", 0), new(2, "On Hold", 0), new(3, "Won", 1), new(4, "Canceled", 2), new(5, "Out-Sold", 2))
            .Currency().Common().Table;

    private static TableDef Product() =>
        New("product", "products", "productid", "name", 1024, true)
            .Str("name", 100, required: true).Str("productnumber", 100).Money("price").Memo("description", 2000)
            .Labels("productstructure", "Product", "Product Family", "Product Bundle").Lookup("parentproductid", "product")
            .Lookup("defaultuomid", "uom")
            .State(new(0, "Active", DefaultStatus: 1), new(1, "Retired", DefaultStatus: 2), new(2, "Draft", DefaultStatus: 0), new(3, "Under Revision", DefaultStatus: 3))
            .Status(new(1, "Active", 0), new(2, "Retired", 1), new(0, "Draft", 2), new(3, "Under Revision", 3))
            .Currency().Common(owned: false).Table;

    private static TableDef PriceLevel() =>
        New("pricelevel", "pricelevels", "pricelevelid", "name", 1022, true)
            .Str("name", 100, required: true).Currency().Common(owned: false).Table;

    private static TableDef ProductPriceLevel() =>
        New("productpricelevel", "productpricelevels", "productpricelevelid", null, 1026, true)
            .Lookup("pricelevelid", "pricelevel").Lookup("productid", "product").Money("amount").Currency().Common(owned: false).Table;

    private static TableDef SalesOrder() =>
        New("salesorder", "salesorders", "salesorderid", "name", 1088, true)
            .Str("name", 300, required: true).Str("ordernumber", 100).Money("totalamount", readOnly: false)
            .Lookup("customerid", "account", "contact").Lookup("opportunityid", "opportunity").Lookup("pricelevelid", "pricelevel")
            .Date("submitdate").Date("datefulfilled")
            .State(new(0, "Active", DefaultStatus: 1), new(1, "Submitted", DefaultStatus: 3), new(2, "Canceled", DefaultStatus: 4), new(3, "Fulfilled", DefaultStatus: 100001), new(4, "Invoiced", DefaultStatus: 100003))
            .Status(new(1, "New", 0), new(2, "Pending", 0), new(3, "In Progress", 1), new(4, "No Money", 2), new(100001, "Complete", 3), new(100002, "Partial", 3), new(100003, "Invoiced", 4))
            .Currency().Common().Table;

    private static TableDef SalesOrderDetail() =>
        New("salesorderdetail", "salesorderdetails", "salesorderdetailid", null, 1089, true)
            .Lookup("salesorderid", "salesorder").Lookup("productid", "product").Lookup("uomid", "uom").Dec("quantity")
            .Money("priceperunit").Money("baseamount", readOnly: true).Money("manualdiscountamount").Money("extendedamount", readOnly: true)
            .Bool("isproductoverridden").Str("productdescription", 500)
            .Currency().Common(owned: false).Table;

    private static TableDef Incident() =>
        New("incident", "incidents", "incidentid", "title", 112, true)
            .Str("title", 200, required: true).Memo("description", 2000).Str("ticketnumber", 100)
            .Labels("casetypecode", "Question", "Problem", "Request")
            .Labels("prioritycode", "High", "Normal", "Low")
            .Pick("caseorigincode", new OptionDef(1, "Phone"), new OptionDef(2, "Email"), new OptionDef(3, "Web"), new OptionDef(2483, "Facebook"), new OptionDef(3986, "Twitter"))
            .Pick("customersatisfactioncode", new OptionDef(5, "Very Satisfied"), new OptionDef(4, "Satisfied"), new OptionDef(3, "Neutral"), new OptionDef(2, "Dissatisfied"), new OptionDef(1, "Very Dissatisfied"))
            .Lookup("subjectid", "subject").Lookup("customerid", "account", "contact").Lookup("primarycontactid", "contact").Lookup("productid", "product")
            .State(new(0, "Active", DefaultStatus: 1), new(1, "Resolved", DefaultStatus: 5), new(2, "Canceled", DefaultStatus: 6))
            .Status(new(1, "In Progress", 0), new(2, "On Hold", 0), new(3, "Waiting for Details", 0), new(4, "Researching", 0), new(5, "Problem Solved", 1), new(1000, "Information Provided", 1), new(6, "Canceled", 2), new(2000, "Merged", 2))
            .Common().Table;

    private static TableDef Subject() =>
        New("subject", "subjects", "subjectid", "title", 129, false).Str("title", 500, required: true).Memo("description", 2000).Common(owned: false).Table;

    private static TableDef Activity(string name, string set, int otc, OptionDef[] states, OptionDef[] statuses)
    {
        var b = New(name, set, "activityid", "subject", otc, true, activity: true)
            .Str("subject", 200, required: name != "email").Memo("description", 2000).Date("scheduledend").Date("actualend")
            .Lookup("regardingobjectid", RegardingTargets).State(states).Status(statuses).Common();
        if (name != "task")
        {
            b.Bool("directioncode").Str("phonenumber", 200);
        }

        return b.Table;
    }

    /// <summary>Message ids: Update is the one in dataverse.md §7's step fixture; Create and Delete are sandbox-stable.</summary>
    public static readonly Guid UpdateMessageId = Guid.Parse("20bebb1b-ea3e-db11-86a7-000a3a5473e8");

    public static readonly Guid CreateMessageId = TableBuilder.StableGuid("sdkmessage.Create");

    public static readonly Guid DeleteMessageId = TableBuilder.StableGuid("sdkmessage.Delete");

    private static TableDef SdkMessage() =>
        New("sdkmessage", "sdkmessages", "sdkmessageid", "name", 4606, false).Str("name", 256).Common(owned: false).Table;

    private static TableDef SdkMessageFilter() =>
        New("sdkmessagefilter", "sdkmessagefilters", "sdkmessagefilterid", null, 4607, false)
            .Lookup("sdkmessageid", "sdkmessage").Str("primaryobjecttypecode", 128).Common(owned: false).Table;

    // Registration tables of dataverse.md §6 (webhooks).
    private static TableDef ServiceEndpoint() =>
        New("serviceendpoint", "serviceendpoints", "serviceendpointid", "name", 4618, false)
            .Str("name", 256, required: true).Str("url", 2000).Memo("description", 2000)
            .Pick("contract", new(1, "OneWay"), new(2, "Queue"), new(3, "Rest"), new(4, "TwoWay"), new(5, "Topic"), new(6, "Queue (Persistent)"), new(7, "Event Hub"), new(8, "Webhook"), new(9, "Event Grid"), new(10, "Managed Data Lake"))
            .Pick("authtype", new(1, "ACS"), new(2, "SAS Key"), new(3, "SAS Token"), new(4, "Webhook Key"), new(5, "Http Header"), new(6, "Http Query String"), new(7, "Connection String"), new(8, "Access Key"))
            .Str("authvalue", 2048, secured: true).Labels("messageformat", "Binary XML", "Json", "Text XML")
            .Labels("connectionmode", "Normal", "Federated").Labels("userclaim", "None", "UserId", "UserInfo").Common(owned: false).Table;

    private static TableDef Step() =>
        New("sdkmessageprocessingstep", "sdkmessageprocessingsteps", "sdkmessageprocessingstepid", "name", 4608, false)
            .Str("name", 256, required: true).Memo("description", 256)
            .Pick("stage", new(10, "Pre-validation"), new(20, "Pre-operation"), new(30, "Main Operation"), new(40, "Post-operation"))
            .Pick("mode", new(0, "Synchronous"), new(1, "Asynchronous")).Int("rank").Memo("filteringattributes", 100000)
            .Bool("asyncautodelete").Pick("supporteddeployment", new(0, "Server Only"), new(1, "Microsoft Dynamics 365 Client for Outlook Only"), new(2, "Both"))
            .Lookup("sdkmessageid", "sdkmessage").Lookup("sdkmessagefilterid", "sdkmessagefilter").Lookup("eventhandler", "serviceendpoint", "plugintype")
            .State(new(0, "Enabled", DefaultStatus: 1), new(1, "Disabled", DefaultStatus: 2)).Status(new(1, "Enabled", 0), new(2, "Disabled", 1))
            .Common(owned: false).Table;

    private static TableDef StepImage() =>
        New("sdkmessageprocessingstepimage", "sdkmessageprocessingstepimages", "sdkmessageprocessingstepimageid", "name", 4615, false)
            .Str("name", 256).Str("entityalias", 256).Pick("imagetype", new(0, "PreImage"), new(1, "PostImage"), new(2, "Both"))
            .Memo("attributes", 100000).Str("messagepropertyname", 256).Lookup("sdkmessageprocessingstepid", "sdkmessageprocessingstep")
            .Common(owned: false).Table;

    /// <summary>System jobs: failed asynchronous webhook deliveries are logged here (dataverse.md §6, statuscode 31).</summary>
    private static TableDef AsyncOperation() =>
        New("asyncoperation", "asyncoperations", "asyncoperationid", "name", 4700, false)
            .Str("name", 256).Memo("message", 100000).Memo("friendlymessage", 100000).Lookup("owningextensionid", "sdkmessageprocessingstep")
            .Pick("operationtype", new OptionDef(1, "System Event")).Str("primaryentitytype", 128).Guid("correlationid")
            .State(new(0, "Ready", DefaultStatus: 0), new(1, "Suspended", DefaultStatus: 10), new(2, "Locked", DefaultStatus: 20), new(3, "Completed", DefaultStatus: 30))
            .Status(new(0, "Waiting For Resources", 0), new(10, "Waiting", 1), new(20, "In Progress", 2), new(30, "Succeeded", 3), new(31, "Failed", 3), new(32, "Canceled", 3))
            .Common(owned: false).Table;

    private static TableDef IncidentResolution() =>
        New("incidentresolution", "incidentresolutions", "activityid", "subject", 4206, false, activity: true)
            .Str("subject", 200).Memo("description", 2000).Lookup("incidentid", "incident").Int("timespent")
            .State(new(0, "Open", DefaultStatus: 1), new(1, "Completed", DefaultStatus: 2), new(2, "Canceled", DefaultStatus: 3))
            .Status(new(1, "Open", 0), new(2, "Closed", 1), new(3, "Canceled", 2)).Common().Table;

    // Installer tables: a publisher and a solution are plain rows; columns created with MSCRM.SolutionUniqueName
    // become solution components (dataverse.md §7).
    private static TableDef Publisher() =>
        New("publisher", "publishers", "publisherid", "friendlyname", 7101, false)
            .Str("uniquename", 256, required: true).Str("friendlyname", 256).Str("customizationprefix", 8).Int("customizationoptionvalueprefix", 10000, 99999)
            .Memo("description", 2000).Str("emailaddress", 100).Str("supportingwebsiteurl", 200).Common(owned: false).Table;

    private static TableDef Solution() =>
        New("solution", "solutions", "solutionid", "friendlyname", 7100, false)
            .Str("uniquename", 65, required: true).Str("friendlyname", 256).Str("version", 256).Lookup("publisherid", "publisher")
            .Bool("ismanaged").Memo("description", 2000).Common(owned: false).Table;

    private static TableDef SolutionComponent() =>
        New("solutioncomponent", "solutioncomponents", "solutioncomponentid", null, 7103, false)
            .Pick("componenttype", new(1, "Entity"), new(2, "Attribute"), new(20, "Role"), new(92, "SDK Message Processing Step"), new(95, "Service Endpoint"))
            .Guid("objectid").Lookup("solutionid", "solution").Pick("rootcomponentbehavior", new(0, "Include Subcomponents"), new(1, "Do not include subcomponents"), new(2, "Include As Shell Only"))
            .Common(owned: false).Table;

    // Security tables (PA-docs reference/entities role, privilege, roleprivileges, systemuserroles): a role belongs to a
    // business unit; its privileges and its users are N:N intersect rows, changed only through the role actions and
    // systemuserroles_association (DataverseApi.Security.cs), never by POSTing intersect rows.
    private static TableDef Role() =>
        New("role", "roles", "roleid", "name", 1036, false)
            .Str("name", 100, required: true).Lookup("businessunitid", "businessunit").Memo("description", 2000).Bool("ismanaged")
            .Lookup("parentrootroleid", "role").Common(owned: false).Table;

    private static TableDef Privilege() =>
        New("privilege", "privileges", "privilegeid", "name", 1023, false)
            .Str("name", 100).Int("accessright").Bool("canbebasic").Bool("canbelocal").Bool("canbedeep").Bool("canbeglobal")
            .Common(owned: false).Table;

    private static TableDef RolePrivileges() =>
        New("roleprivileges", "roleprivilegescollection", "roleprivilegeid", null, 12, false)
            .Guid("roleid").Guid("privilegeid").Int("privilegedepthmask").Common(owned: false).Table;

    private static TableDef SystemUserRoles() =>
        New("systemuserroles", "systemuserrolescollection", "systemuserroleid", null, 15, false)
            .Guid("systemuserid").Guid("roleid").Common(owned: false).Table;

    private static TableDef PredictiveScore()
    {
        var table = New("msdyn_predictivescore", "msdyn_predictivescores", "msdyn_predictivescoreid", "msdyn_name", 10000, true)
            .Str("msdyn_name", 100).Int("msdyn_score", 0, 100)
            .Pick("msdyn_grade", new OptionDef(0, "A"), new OptionDef(1, "B"), new OptionDef(2, "C"), new OptionDef(3, "D"))
            .Pick("msdyn_scoretrend", new OptionDef(0, "Improving"), new OptionDef(1, "Steady"), new OptionDef(2, "Declining"), new OptionDef(3, "Not enough info"))
            .Memo("msdyn_scorereasons", 2000).Date("msdyn_scoredon").Str("msdyn_entityid", 256).Str("msdyn_entitytype", 100)
            .State(ActiveInactiveState()).Status(ActiveInactiveStatus()).Common(owned: false).Table;
        table.AlternateKeys.Add(["msdyn_entityid", "msdyn_entitytype"]);
        return table;
    }
}
