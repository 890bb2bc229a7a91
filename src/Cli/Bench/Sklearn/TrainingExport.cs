using CrmExtensions.Scoring.Cases;
using CrmExtensions.Scoring.Records;
using CrmExtensions.Scoring.Recommendations;
using CrmExtensions.Scoring.Segmentation;
using CrmExtensions.Scoring.Specs;

namespace CrmExtensions.Cli.Bench.Sklearn;

/// <summary>
/// Writes the training data of each model kind to CSV with the split our training used — taken from our training's
/// result (hold-out records, case hold-out hash, recommendation cut), never drawn again — so scikit-learn is measured
/// on identical rows. Every file has a <c>split</c> column (<c>train</c>/<c>test</c>) where the model kind has one.
/// </summary>
internal static class TrainingExport
{
    /// <summary>
    /// A binary spec: one row per labelled record the spec trained on; <c>test</c> rows are exactly the result's hold-out.
    /// Features are the selected fields: numbers, money (base amount) and yes/no as numbers, dates as age in days at the
    /// record's decision time (as our feature map ages them), choices and short text as categories; long text is left out.
    /// </summary>
    /// <returns>Rows written to train and test.</returns>
    public static (int Train, int Test) Binary(string path, ModelSpec spec, IReadOnlyList<CrmRecord> rows, SpecTrainingResult result)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(result);
        var test = result.Holdout.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var fields = result.Selection.Included.Where(f => f.Value is not FieldType.LongText && Kind(f.Value) is not null).ToArray();
        using var csv = new CsvFile(path, ["id", "split", "label", .. fields.Select(f => Kind(f.Value) + ":" + f.Key)]);
        int trainCount = 0, testCount = 0;
        foreach (var record in rows.Where(r => !r.Deleted && string.Equals(r.Entity, spec.Entity, StringComparison.OrdinalIgnoreCase)))
        {
            var label = SpecLabels.Of(spec, record);
            if (double.IsNaN(label))
            {
                continue;
            }

            var inTest = test.Contains(record.Id);
            _ = inTest ? testCount++ : trainCount++;
            var asOf = Days(DecidedAt(spec, record));
            csv.Row([record.Id, inTest ? "test" : "train", label > 0.5 ? 1 : 0, .. fields.Select(f => Cell(record[f.Key], f.Value, asOf))]);
        }

        return (trainCount, testCount);
    }

    /// <summary>Cases: id, split (our record-id hash hold-out), label and the cleaned text our featuriser reads.</summary>
    public static (int Train, int Test) Cases(string path, CaseSpec spec, CaseLabelSet labels)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(labels);
        using var csv = new CsvFile(path, "id", "split", "label", "text");
        int trainCount = 0, testCount = 0;
        foreach (var (record, label) in labels.Cases.Where(c => c.Label.IsTrainingLabel))
        {
            var inTest = CaseRegistration.InHoldout(record.Id);
            _ = inTest ? testCount++ : trainCount++;
            var input = spec.InputOf(record);
            csv.Row(record.Id, inTest ? "test" : "train", label.Category, (input.CleanText() + " " + input.FieldTokens()).Trim());
        }

        return (trainCount, testCount);
    }

    /// <summary>Recommendations: training cells, held-out new items per evaluated customer, and items never recommended.</summary>
    public static void Recommendations(string folder, RankingHoldout holdout)
    {
        ArgumentNullException.ThrowIfNull(holdout);
        using (var train = new CsvFile(Path.Combine(folder, "recommend_train.csv"), "customer", "item", "strength"))
        {
            foreach (var (customer, item, strength) in holdout.Train)
            {
                train.Row(customer, item, (double)strength);
            }
        }

        using (var test = new CsvFile(Path.Combine(folder, "recommend_test.csv"), "customer", "item"))
        {
            foreach (var (customer, items) in holdout.HeldOut)
            {
                foreach (var item in items)
                {
                    test.Row(customer, item);
                }
            }
        }

        using var unavailable = new CsvFile(Path.Combine(folder, "recommend_unavailable.csv"), "item");
        foreach (var item in holdout.Unavailable)
        {
            unavailable.Row(item);
        }
    }

    /// <summary>Segments: the raw features per customer and our segment id (k-means has no split; quality is measured on all customers).</summary>
    public static void Segments(string path, CustomerFeatures features, SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(result);
        using var csv = new CsvFile(path, ["customer", "ours", .. features.Names]);
        for (var i = 0; i < features.Customers.Count; i++)
        {
            csv.Row([features.Customers[i], result.Assignments[i].SegmentId, .. features.Values[i].Select(v => (object?)v)]);
        }
    }

    private static string? Kind(FieldType type) => type switch
    {
        FieldType.Number or FieldType.Money or FieldType.Bool or FieldType.Date or FieldType.DateTime => "num",
        FieldType.Text or FieldType.Option => "cat",
        _ => null,
    };

    private static object? Cell(FieldValue? value, FieldType type, double asOfDays) => type switch
    {
        FieldType.Date or FieldType.DateTime => Number(value) is var day && double.IsNaN(day) ? null : asOfDays - day,
        FieldType.Number or FieldType.Money or FieldType.Bool => Number(value),
        _ => value switch
        {
            null => null,
            TextValue t => string.IsNullOrWhiteSpace(t.Value) ? null : t.Value.Trim(),
            OptionValue o => o.Value,
            _ => null,
        },
    };

    // As RecordTable reads values (internal to Scoring): money by its base amount, yes/no as 1/0, dates in days.
    private static double Number(FieldValue? value) => value switch
    {
        NumberValue n => n.Value,
        MoneyValue m => m.BaseAmount is { } b ? (double)b : double.NaN,
        BoolValue b => b.Value ? 1 : 0,
        DateTimeValue d => Days(d.Value),
        DateValue d => d.Value.DayNumber,
        _ => double.NaN,
    };

    // Days since 0001-01-01, as Scoring's cell parser counts them (DateOnly.DayNumber for dates).
    private static double Days(DateTimeOffset value) => value.UtcTicks / (double)TimeSpan.TicksPerDay;

    private static DateTimeOffset DecidedAt(ModelSpec spec, CrmRecord record) => spec.DecidedOnField is { } field
        ? record[field] switch
        {
            DateTimeValue d => d.Value,
            DateValue d => new DateTimeOffset(d.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            _ => record.ModifiedOn,
        }
        : record.ModifiedOn;
}
