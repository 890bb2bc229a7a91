using CrmExtensions.Scoring.Tabular;

namespace CrmExtensions.Scoring.Features;

/// <summary>
/// The fitted mapping from typed fields to the model's input vector. Missing values are kept as missing: a
/// number is imputed with its training median and flagged in a missing-indicator slot (never silently 0);
/// rare categories are grouped; dates become ages in days. Fitted without labels, so it cannot leak them.
/// </summary>
internal sealed class FeatureMap
{
    public required FeaturePlan[] Plans { get; init; }

    public required FeatureSlot[] Slots { get; init; }

    /// <summary>Per-slot training mean and scale used to standardise inputs of linear models.</summary>
    public double[] Mean { get; set; } = [];

    public double[] Scale { get; set; } = [];

    /// <summary>Slots a linear model sees as sign(x)·ln(1 + |x|): non-negative, heavily skewed numbers such as amounts.</summary>
    public bool[] LogScaled { get; set; } = [];

    public int Width => Slots.Length;

    // Built once per map (benign race: every thread builds the same dictionaries), so single-record scoring stays cheap.
    private Dictionary<string, int>[] Lookups => _lookups ??=
        [.. Plans.Select(p => p.Levels.Select((l, i) => (l, i)).ToDictionary(x => x.l, x => x.i, StringComparer.Ordinal))];

    private Dictionary<string, int>[]? _lookups;

    /// <summary>Fits the plans on training columns. Dates age from <paramref name="asOfDay"/>, or from the newest training date.</summary>
    public static FeatureMap Fit(TabularData data, FeatureOptions options, double? asOfDay = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        var plans = new List<FeaturePlan>();
        var slots = new List<FeatureSlot>();
        foreach (var column in data.Columns)
        {
            var first = slots.Count;
            switch (column.Kind)
            {
                case ColumnKind.Number:
                case ColumnKind.Date:
                    {
                        var present = column.Numbers!.Where(v => !double.IsNaN(v)).ToArray();
                        if (present.Length == 0)
                        {
                            continue;
                        }

                        var reference = column.Kind == ColumnKind.Date ? asOfDay ?? present.Max() : 0;
                        var values = column.Kind == ColumnKind.Date
                            ? [.. Enumerable.Range(0, column.Length).Where(r => !column.IsMissing(r)).Select(r => data.AgeReference(r, reference) - column.Numbers![r])]
                            : present;
                        Array.Sort(values);
                        var missing = present.Length < column.Length;
                        slots.Add(new FeatureSlot(column.Name, SlotRole.Value, null));
                        if (missing)
                        {
                            slots.Add(new FeatureSlot(column.Name, SlotRole.Missing, null));
                        }

                        plans.Add(new FeaturePlan
                        {
                            Name = column.Name, Kind = column.Kind, Secured = column.Secured, Fill = values[values.Length / 2],
                            MissingIndicator = missing, ReferenceDay = reference, FirstSlot = first, SlotCount = slots.Count - first,
                        });
                        break;
                    }

                case ColumnKind.Category:
                    {
                        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                        var blanks = 0;
                        foreach (var value in column.Strings!)
                        {
                            if (value is null)
                            {
                                blanks++;
                            }
                            else
                            {
                                counts[value] = counts.GetValueOrDefault(value) + 1;
                            }
                        }

                        var minimum = Math.Max(options.MinLevelCount, (int)Math.Ceiling(options.MinLevelFraction * column.Length));
                        var levels = counts.Where(kv => kv.Value >= minimum)
                            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                            .Take(options.MaxLevels).Select(kv => kv.Key).ToArray();
                        var other = levels.Length < counts.Count;
                        if (levels.Length == 0 && !other)
                        {
                            continue;
                        }

                        slots.AddRange(levels.Select(l => new FeatureSlot(column.Name, SlotRole.Level, l)));
                        if (other)
                        {
                            slots.Add(new FeatureSlot(column.Name, SlotRole.Other, null));
                        }

                        if (blanks > 0)
                        {
                            slots.Add(new FeatureSlot(column.Name, SlotRole.Missing, null));
                        }

                        plans.Add(new FeaturePlan
                        {
                            Name = column.Name, Kind = column.Kind, Secured = column.Secured, Levels = levels, OtherLevel = other,
                            MissingIndicator = blanks > 0, FirstSlot = first, SlotCount = slots.Count - first,
                        });
                        break;
                    }

                case ColumnKind.Text:
                    {
                        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
                        var blanks = 0;
                        foreach (var value in column.Strings!)
                        {
                            if (value is null)
                            {
                                blanks++;
                                continue;
                            }

                            foreach (var word in TextTokens.Words(value))
                            {
                                counts[word] = counts.GetValueOrDefault(word) + 1;
                            }
                        }

                        var words = counts.Where(kv => kv.Value >= options.MinWordCount && kv.Value < column.Length)
                            .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)
                            .Take(options.MaxWords).Select(kv => kv.Key).ToArray();
                        slots.AddRange(words.Select(w => new FeatureSlot(column.Name, SlotRole.Word, w)));
                        if (blanks > 0)
                        {
                            slots.Add(new FeatureSlot(column.Name, SlotRole.Missing, null));
                        }

                        if (slots.Count == first)
                        {
                            continue;
                        }

                        plans.Add(new FeaturePlan
                        {
                            Name = column.Name, Kind = column.Kind, Secured = column.Secured, Levels = words,
                            MissingIndicator = blanks > 0, FirstSlot = first, SlotCount = slots.Count - first,
                        });
                        break;
                    }

                default:
                    break;
            }
        }

        var map = new FeatureMap { Plans = [.. plans], Slots = [.. slots] };
        map.FitScaling(map.Matrix(data));
        return map;
    }

    /// <summary>The input vectors of every row of <paramref name="data"/> (fields absent from it are missing).</summary>
    public float[][] Matrix(TabularData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var columns = Plans.Select(p => data.Find(p.Name)).ToArray();
        var lookups = Lookups;
        var matrix = new float[data.RowCount][];
        for (var row = 0; row < data.RowCount; row++)
        {
            var vector = new float[Width];
            for (var p = 0; p < Plans.Length; p++)
            {
                Encode(Plans[p], lookups[p], columns[p], row, vector, data);
            }

            matrix[row] = vector;
        }

        return matrix;
    }

    /// <summary>Standardised copy of a vector for linear models.</summary>
    public float[] Standardise(float[] vector)
    {
        var result = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            result[i] = (float)((Linear(i, vector[i]) - Mean[i]) / Scale[i]);
        }

        return result;
    }

    private static void Encode(FeaturePlan plan, Dictionary<string, int> lookup, TabularColumn? column, int row, float[] vector, TabularData data)
    {
        var at = plan.FirstSlot;
        switch (plan.Kind)
        {
            case ColumnKind.Number:
            case ColumnKind.Date:
                var raw = column?.Numbers is { } numbers ? numbers[row] : double.NaN;
                var missing = double.IsNaN(raw);
                var value = missing ? plan.Fill : plan.Kind == ColumnKind.Date ? data.AgeReference(row, plan.ReferenceDay) - raw : raw;
                vector[at] = (float)value;
                if (plan.MissingIndicator)
                {
                    vector[at + 1] = missing ? 1 : 0;
                }

                break;
            case ColumnKind.Category:
                var text = column?.Strings is { } strings ? strings[row] : null;
                if (text is null)
                {
                    if (plan.MissingIndicator)
                    {
                        vector[at + plan.SlotCount - 1] = 1;
                    }
                }
                else if (lookup.TryGetValue(text, out var level))
                {
                    vector[at + level] = 1;
                }
                else if (plan.OtherLevel)
                {
                    vector[at + plan.Levels.Length] = 1;
                }

                break;
            case ColumnKind.Text:
                var body = column?.Strings is { } bodies ? bodies[row] : null;
                if (body is null)
                {
                    if (plan.MissingIndicator)
                    {
                        vector[at + plan.SlotCount - 1] = 1;
                    }
                }
                else
                {
                    foreach (var word in TextTokens.Words(body))
                    {
                        if (lookup.TryGetValue(word, out var index))
                        {
                            vector[at + index] = 1;
                        }
                    }
                }

                break;
            default:
                break;
        }
    }

    private double Linear(int slot, double value) =>
        LogScaled.Length > 0 && LogScaled[slot] ? Math.Sign(value) * Math.Log(1 + Math.Abs(value)) : value;

    private void FitScaling(float[][] matrix)
    {
        Mean = new double[Width];
        Scale = new double[Width];
        LogScaled = new bool[Width];
        for (var j = 0; j < Width; j++)
        {
            if (Slots[j].Role == SlotRole.Value && matrix.Length > 0)
            {
                var column = matrix.Select(row => (double)row[j]).Order().ToArray();
                var median = column[column.Length / 2];
                var p99 = column[(int)(0.99 * (column.Length - 1))];
                // Amount-like: never negative and a long right tail; a log keeps a few huge values from dominating a linear fit.
                LogScaled[j] = column[0] >= 0 && p99 > 10 * (median + 1);
            }

            double sum = 0, squares = 0;
            foreach (var row in matrix)
            {
                sum += Linear(j, row[j]);
            }

            var mean = matrix.Length == 0 ? 0 : sum / matrix.Length;
            foreach (var row in matrix)
            {
                var v = Linear(j, row[j]);
                squares += (v - mean) * (v - mean);
            }

            var sd = matrix.Length < 2 ? 0 : Math.Sqrt(squares / (matrix.Length - 1));
            Mean[j] = mean;
            Scale[j] = sd > 1e-12 ? sd : 1;
        }
    }
}
