using System.Text;
using System.Text.Json;
using CrmExtensions.Connectors.Common.Contracts;
using CrmExtensions.Connectors.Salesforce;
using CrmExtensions.Plugins.Salesforce;
using CrmExtensions.Sandbox;
using CrmExtensions.Sandbox.Tests;
using CrmExtensions.Scoring.Records;

namespace CrmExtensions.Host.Tests;

/// <summary>Records built from the sandbox's outbound-message sObjects with the Salesforce connector's mapping equal the read ones.</summary>
public sealed class OutboundRecordTests
{
    private static readonly string[] Fields =
    [
        "FirstName", "LastName", "Company", "LeadSource", "Industry", "NumberOfEmployees", "AnnualRevenue", "Rating", "Status",
        "IsConverted", "ConvertedDate", "OwnerId", "CurrencyIsoCode", "CreatedDate", "SystemModstamp",
    ];

    [Fact]
    public async Task OutboundSObjectLeads_EqualTheConnectorReadLeads_InEveryFieldTheyCarry()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0, Scale = 150, Seed = 5, Orgs = 1,
            Salesforce = new SalesforceSettings { OutboundMessages = [new OutboundMessageDefinition("Lead", receiver.Url, Fields)] },
        });
        var (_, updated, _) = await sandbox.SimulateAsync(sandbox.Orgs[0].Key, 80);
        updated.ShouldBeGreaterThan(0);
        await EntityImageRecordTests.QuietAsync(receiver);

        var options = new SalesforceOptions { LoginUrl = sandbox.Orgs[0].Url, ClientId = sandbox.Credentials.ClientId, ClientSecret = sandbox.Credentials.ClientSecret };
        options.Objects.Add("Lead");
        using var connector = SalesforceConnector.Create(options);
        var lookup = connector.Source.ShouldBeAssignableTo<IRecordLookup>()!;
        var carried = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
        foreach (var (_, _, body) in receiver.Received)
        {
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body));
            foreach (var notification in OutboundMessageParser.Parse(stream).Notifications)
            {
                using var row = JsonDocument.Parse(notification.Row.ShouldNotBeNull());
                var record = (await lookup.MapCarriedAsync("Lead", notification.RecordId, row.RootElement)).ShouldNotBeNull("SystemModstamp is in the message");
                if (!carried.TryGetValue(record.Id, out var seen) || record.ModifiedOn >= seen.ModifiedOn)
                {
                    carried[record.Id] = record;
                }
            }
        }

        var read = new Dictionary<string, CrmRecord>(StringComparer.Ordinal);
        await foreach (var batch in connector.Source.ReadAsync("Lead", null))
        {
            foreach (var record in batch.Records.Where(r => !r.Deleted))
            {
                read[record.Id] = record;
            }
        }

        var compared = 0;
        foreach (var (id, record) in carried)
        {
            if (!read.TryGetValue(id, out var synced) || synced.ModifiedOn != record.ModifiedOn)
            {
                continue; // deleted or changed again after its last message
            }

            compared++;
            foreach (var field in Fields)
            {
                if (record.Values.TryGetValue(field, out var value))
                {
                    value.ShouldBe(synced[field], $"Lead {id} field {field}");
                }
                else
                {
                    // Salesforce leaves empty fields out of the message.
                    synced[field].ShouldBeNull($"Lead {id} field {field} is not in the message, so it is empty");
                }
            }
        }

        compared.ShouldBeGreaterThan(5);
    }
}
