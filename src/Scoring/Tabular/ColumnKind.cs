namespace CrmExtensions.Scoring.Tabular;

/// <summary>How a column is used as a feature.</summary>
public enum ColumnKind
{
    /// <summary>A number; missing cells stay missing (imputed plus a missing indicator).</summary>
    Number,

    /// <summary>A category: one indicator per frequent value, rare values grouped.</summary>
    Category,

    /// <summary>A date or date-time, used as its age in days.</summary>
    Date,

    /// <summary>Free text, used as indicators of its frequent words.</summary>
    Text,

    /// <summary>Not used; the column's exclusion reason says why.</summary>
    Ignored,
}
