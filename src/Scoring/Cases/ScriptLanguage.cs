namespace CrmExtensions.Scoring.Cases;

/// <summary>
/// A cheap language guess from the writing system: the script most letters belong to. It tells Chinese from
/// Japanese (kana) and Korean (Hangul) and all of them from Latin-script text, but not English from French.
/// </summary>
public static class ScriptLanguage
{
    /// <summary>Han characters without kana: Chinese.</summary>
    public const string Chinese = "zh";

    /// <summary>Any kana: Japanese.</summary>
    public const string Japanese = "ja";

    /// <summary>Hangul: Korean.</summary>
    public const string Korean = "ko";

    /// <summary>Latin letters (English, French, …).</summary>
    public const string Latin = "latin";

    /// <summary>Cyrillic letters.</summary>
    public const string Cyrillic = "cyrillic";

    /// <summary>Letters of another script.</summary>
    public const string Other = "other";

    /// <summary>No letters at all.</summary>
    public const string None = "none";

    /// <summary>The language group of a text.</summary>
    public static string Detect(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return None;
        }

        int han = 0, kana = 0, hangul = 0, latin = 0, cyrillic = 0, other = 0;
        foreach (var ch in text)
        {
            if (ch is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF')
            {
                han++;
            }
            else if (ch is >= '\u3040' and <= '\u30FF')
            {
                kana++;
            }
            else if (ch is >= '\uAC00' and <= '\uD7AF' or >= '\u1100' and <= '\u11FF')
            {
                hangul++;
            }
            else if (ch is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '\u00C0' and <= '\u024F')
            {
                latin++;
            }
            else if (ch is >= '\u0400' and <= '\u04FF')
            {
                cyrillic++;
            }
            else if (char.IsLetter(ch))
            {
                other++;
            }
        }

        // One CJK character carries about a word, a Latin letter a fifth of one: weigh them so mixed text
        // ("我的 iPhone 无法充电") counts by its words.
        var cjk = (han + kana + hangul) * 4;
        if (cjk == 0 && latin + cyrillic + other == 0)
        {
            return None;
        }

        if (cjk >= Math.Max(latin, Math.Max(cyrillic, other)))
        {
            return kana > 0 ? Japanese : hangul > han ? Korean : Chinese;
        }

        return latin >= cyrillic && latin >= other ? Latin : cyrillic >= other ? Cyrillic : Other;
    }
}
