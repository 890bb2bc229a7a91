using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class ScriptLanguageTests
{
    [Theory]
    [InlineData("My parcel has not arrived", ScriptLanguage.Latin)]
    [InlineData("Mon colis n'est pas arrivé", ScriptLanguage.Latin)]
    [InlineData("我的包裹还没有到", ScriptLanguage.Chinese)]
    [InlineData("我的 iPhone 无法充电", ScriptLanguage.Chinese)]
    [InlineData("荷物がまだ届きません", ScriptLanguage.Japanese)]
    [InlineData("소포가 도착하지 않았습니다", ScriptLanguage.Korean)]
    [InlineData("Моя посылка не пришла", ScriptLanguage.Cyrillic)]
    [InlineData("12345 !!!", ScriptLanguage.None)]
    [InlineData("", ScriptLanguage.None)]
    [InlineData(null, ScriptLanguage.None)]
    public void Detect_ScriptOfMostLetters_NamesTheLanguageGroup(string? text, string expected) =>
        ScriptLanguage.Detect(text).ShouldBe(expected);
}
