namespace CrmExtensions.Scoring.Recommendations;

/// <summary>Customer and item factor vectors (row-major, <see cref="Factors"/> per row).</summary>
internal sealed class AlsModel(int factors, double[] userFactors, double[] itemFactors)
{
    public int Factors { get; } = factors;

    public double[] UserFactors { get; } = userFactors;

    public double[] ItemFactors { get; } = itemFactors;

    public ReadOnlySpan<double> User(int user) => UserFactors.AsSpan(user * Factors, Factors);

    public ReadOnlySpan<double> Item(int item) => ItemFactors.AsSpan(item * Factors, Factors);

    /// <summary>Predicted preference x_u · y_i for every item.</summary>
    public void ScoreAll(int user, Span<double> scores)
    {
        var x = User(user);
        for (var i = 0; i < scores.Length; i++)
        {
            var y = Item(i);
            var s = 0.0;
            for (var k = 0; k < x.Length; k++)
            {
                s += x[k] * y[k];
            }

            scores[i] = s;
        }
    }
}
