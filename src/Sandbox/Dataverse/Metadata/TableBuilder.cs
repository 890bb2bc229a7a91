namespace CrmExtensions.Sandbox.Dataverse.Metadata;

/// <summary>Fluent helper that declares a table's columns compactly.</summary>
internal sealed class TableBuilder
{
    private readonly TableDef _table;
    private int _metadataCounter;

    public TableBuilder(TableDef table)
    {
        _table = table;
        Add(new ColumnDef(table.PrimaryIdAttribute, AttributeType.Uniqueidentifier, 0) { ReadOnly = true });
    }

    public TableDef Table => _table;

    public TableBuilder Str(string name, int maxLength, bool required = false, bool secured = false, bool readOnly = false) =>
        Add(new ColumnDef(name, AttributeType.String, 0) { MaxLength = maxLength, Required = required, IsSecured = secured, ReadOnly = readOnly });

    public TableBuilder Guid(string name) => Add(new ColumnDef(name, AttributeType.Uniqueidentifier, 0));

    public TableBuilder Memo(string name, int maxLength) => Add(new ColumnDef(name, AttributeType.Memo, 0) { MaxLength = maxLength });

    public TableBuilder Int(string name, int min = int.MinValue, int max = int.MaxValue) =>
        Add(new ColumnDef(name, AttributeType.Integer, 0) { MinValue = min, MaxValue = max });

    public TableBuilder Dec(string name) => Add(new ColumnDef(name, AttributeType.Decimal, 0));

    /// <summary>A money column and its read-only <c>_base</c> twin in the organisation's base currency.</summary>
    public TableBuilder Money(string name, bool readOnly = false, bool secured = false)
    {
        Add(new ColumnDef(name, AttributeType.Money, 0) { ReadOnly = readOnly, IsSecured = secured });
        return Add(new ColumnDef(name + "_base", AttributeType.Money, 0) { ReadOnly = true });
    }

    public TableBuilder Date(string name, bool dateOnly = false, bool readOnly = false) =>
        Add(new ColumnDef(name, AttributeType.DateTime, 0) { DateOnly = dateOnly, ReadOnly = readOnly });

    public TableBuilder Bool(string name) => Add(new ColumnDef(name, AttributeType.Boolean, 0));

    public TableBuilder Pick(string name, params OptionDef[] options) => Add(new ColumnDef(name, AttributeType.Picklist, 0) { Options = options });

    /// <summary>A choice column whose options are numbered 1..n in the order given.</summary>
    public TableBuilder Labels(string name, params string[] labels) =>
        Pick(name, labels.Select((l, i) => new OptionDef(i + 1, l)).ToArray());

    public TableBuilder State(params OptionDef[] options) => Add(new ColumnDef("statecode", AttributeType.State, 0) { Options = options });

    public TableBuilder Status(params OptionDef[] options) => Add(new ColumnDef("statuscode", AttributeType.Status, 0) { Options = options });

    public TableBuilder Lookup(string name, params string[] targets) =>
        Add(new ColumnDef(name, targets.Length > 1 ? AttributeType.Customer : AttributeType.Lookup, 0) { Targets = targets });

    /// <summary>Columns every standard table has: audit dates, users, row version.</summary>
    public TableBuilder Common(bool owned = true)
    {
        Date("createdon", readOnly: true);
        Date("modifiedon", readOnly: true);
        Add(new ColumnDef("createdby", AttributeType.Lookup, 0) { Targets = ["systemuser"], ReadOnly = true });
        Add(new ColumnDef("modifiedby", AttributeType.Lookup, 0) { Targets = ["systemuser"], ReadOnly = true });
        Add(new ColumnDef("versionnumber", AttributeType.BigInt, 0) { ReadOnly = true });
        if (owned)
        {
            Add(new ColumnDef("ownerid", AttributeType.Owner, 0) { Targets = ["systemuser"] });
        }

        return this;
    }

    /// <summary>Currency lookup and exchange rate, needed by every table with money columns.</summary>
    public TableBuilder Currency()
    {
        Lookup("transactioncurrencyid", "transactioncurrency");
        return Add(new ColumnDef("exchangerate", AttributeType.Decimal, 0) { ReadOnly = true });
    }

    private TableBuilder Add(ColumnDef column)
    {
        _metadataCounter++;
        var id = StableGuid(_table.LogicalName + "." + column.LogicalName + "." + _metadataCounter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        _table.Add(column with { MetadataId = id });
        return this;
    }

    /// <summary>Deterministic ids for metadata so that two runs (and two orgs) agree.</summary>
    public static System.Guid StableGuid(string name)
    {
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(name));
        return new System.Guid(hash.AsSpan(0, 16));
    }
}
