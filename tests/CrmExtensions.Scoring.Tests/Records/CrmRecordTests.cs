using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Scoring.Tests.Records;

public sealed class CrmRecordTests
{
    private static readonly OrgId Org = OrgId.Parse("00000000-0000-0000-0000-0000000000AA");

    [Fact]
    public void Create_GuidIdInUpperCase_NormalisesToLowerCase()
    {
        var record = CrmRecord.Create(Org, "lead", "{6F9619FF-8B86-D011-B42D-00C04FC964FF}", DateTimeOffset.UnixEpoch, []);

        record.Id.ShouldBe("6f9619ff-8b86-d011-b42d-00c04fc964ff");
        Org.Value.ShouldBe("00000000-0000-0000-0000-0000000000aa");
    }

    [Fact]
    public void Create_SalesforceId_KeepsCase()
    {
        var record = CrmRecord.Create(Org, "Lead", "00Q5g00000AbCdEEAV", DateTimeOffset.UnixEpoch, []);

        record.Id.ShouldBe("00Q5g00000AbCdEEAV");
    }

    [Fact]
    public void Create_NonUtcModifiedOn_KeepsInstantInUtc()
    {
        var local = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(2));

        var record = CrmRecord.Create(Org, "lead", "a", local, [new("seen", new DateTimeValue(local))]);

        record.ModifiedOn.Offset.ShouldBe(TimeSpan.Zero);
        record.ModifiedOn.ShouldBe(local);
        ((DateTimeValue)record["seen"]!).Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void FromDateTime_UnspecifiedKind_ThrowsNamingField()
    {
        var error = Should.Throw<RecordValidationException>(() =>
            DateTimeValue.FromDateTime(new DateTime(2026, 1, 1), "lead", "a", "createdon"));

        error.Message.ShouldContain("createdon");
        error.Message.ShouldContain("time zone");
    }

    [Theory]
    [InlineData("")]
    [InlineData("1lead")]
    [InlineData("lead; DROP TABLE records")]
    [InlineData("lead\n")]
    public void Create_OddEntityName_ThrowsWithReason(string entity)
    {
        var error = Should.Throw<RecordValidationException>(() => CrmRecord.Create(Org, entity, "a", DateTimeOffset.UnixEpoch, []));

        error.Reason.ShouldNotBeNull().ShouldContain("entity name");
    }

    [Fact]
    public void Create_TextWithNul_ThrowsNamingRecordAndFieldWithoutValue()
    {
        var secret = "top-secret\0value";

        var error = Should.Throw<RecordValidationException>(() =>
            CrmRecord.Create(Org, "lead", "r1", DateTimeOffset.UnixEpoch, [new("description", new LongTextValue(secret))]));

        error.Message.ShouldContain("lead/r1");
        error.Message.ShouldContain("description");
        error.Message.ShouldNotContain("top-secret");
    }

    [Fact]
    public void Create_NaN_Throws()
    {
        Should.Throw<RecordValidationException>(() =>
            CrmRecord.Create(Org, "lead", "r1", DateTimeOffset.UnixEpoch, [new("revenue", new NumberValue(double.NaN))]));
    }

    [Fact]
    public void Create_BadCurrency_Throws()
    {
        var error = Should.Throw<RecordValidationException>(() =>
            CrmRecord.Create(Org, "opportunity", "r1", DateTimeOffset.UnixEpoch, [new("amount", new MoneyValue(10m, "eur", 11m))]));

        error.Field.ShouldBe("amount");
    }

    [Fact]
    public void Create_SameFieldDifferentCase_Throws()
    {
        Should.Throw<RecordValidationException>(() => CrmRecord.Create(
            Org, "lead", "r1", DateTimeOffset.UnixEpoch, [new("Name", new TextValue("a")), new("name", new TextValue("b"))]));
    }

    [Fact]
    public void Lookup_GuidId_IsNormalised()
    {
        var lookup = new LookupValue("6F9619FF-8B86-D011-B42D-00C04FC964FF", "account");

        lookup.Id.ShouldBe("6f9619ff-8b86-d011-b42d-00c04fc964ff");
    }

    [Fact]
    public void Tombstone_HasNoValuesAndIsDeleted()
    {
        var tombstone = CrmRecord.Tombstone(Org, "lead", "A", DateTimeOffset.UnixEpoch);

        tombstone.Deleted.ShouldBeTrue();
        tombstone.Values.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    public void OrgId_Invalid_Throws(string value)
    {
        Should.Throw<ArgumentException>(() => OrgId.Parse(value));
    }
}
