using Microsoft.ML;
using Microsoft.ML.Data;

namespace CrmExtensions.Scoring.Training;

/// <summary>A training row for ML.NET binary trainers.</summary>
internal sealed class BinaryMlRow
{
    public bool Label { get; set; }

    public float[] Features { get; set; } = [];
}

/// <summary>A training row for ML.NET regression trainers.</summary>
internal sealed class RegressionMlRow
{
    public float Label { get; set; }

    public float[] Features { get; set; } = [];
}

/// <summary>Loads in-memory vectors as an ML.NET data view with a fixed-size feature vector.</summary>
internal static class MlData
{
    public static IDataView Binary(MLContext ml, IReadOnlyList<float[]> x, IReadOnlyList<bool> y, IReadOnlyList<int> rows, int width)
    {
        var schema = SchemaDefinition.Create(typeof(BinaryMlRow));
        schema[nameof(BinaryMlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows.Select(i => new BinaryMlRow { Label = y[i], Features = x[i] }), schema);
    }

    public static IDataView Regression(MLContext ml, IReadOnlyList<float[]> x, IReadOnlyList<double> y, IReadOnlyList<int> rows, int width)
    {
        var schema = SchemaDefinition.Create(typeof(RegressionMlRow));
        schema[nameof(RegressionMlRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return ml.Data.LoadFromEnumerable(rows.Select(i => new RegressionMlRow { Label = (float)y[i], Features = x[i] }), schema);
    }

    public static float[] Scores(ITransformer model, IDataView data) =>
        [.. model.Transform(data).GetColumn<float>("Score")];
}

/// <summary>A training row for ML.NET multiclass trainers (label is the class index, mapped to a key by value).</summary>
internal sealed class MulticlassMlRow
{
    public uint Label { get; set; }

    public float[] Features { get; set; } = [];
}
