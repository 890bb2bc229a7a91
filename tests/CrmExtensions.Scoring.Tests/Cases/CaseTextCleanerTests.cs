using CrmExtensions.Scoring.Cases;

namespace CrmExtensions.Scoring.Tests.Cases;

public sealed class CaseTextCleanerTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Clean_EmptyInput_ReturnsEmpty(string? text) => CaseTextCleaner.Clean(text).ShouldBe("");

    [Fact]
    public void Clean_Html_KeepsTextDropsMarkupScriptsAndEntities()
    {
        var html = "<html><head><style>p{color:red}</style></head><body><p>My invoice&nbsp;is <b>wrong</b> &amp; late.</p>"
            + "<script>alert('x')</script><div>Please fix it.</div></body></html>";

        CaseTextCleaner.Clean(html).ShouldBe("My invoice is wrong & late. Please fix it.");
    }

    [Fact]
    public void Clean_HtmlBlockquote_DropsQuotedMessage()
    {
        var html = "<p>Still no refund.</p><blockquote>On Monday you wrote: we will refund you</blockquote>";

        CaseTextCleaner.Clean(html).ShouldBe("Still no refund.");
    }

    [Fact]
    public void Clean_OnWroteReply_DropsEverythingFromTheQuoteHeader()
    {
        var text = "The parcel arrived damaged.\n\nOn Tue, 3 Mar 2026 at 10:02, Support <help@example.com> wrote:\n> Thanks for your order\n> Tracking: 123";

        CaseTextCleaner.Clean(text).ShouldBe("The parcel arrived damaged.");
    }

    [Fact]
    public void Clean_OutlookFromSentBlock_DropsTheEarlierMessage()
    {
        var text = "Please cancel my subscription.\r\n\r\nFrom: Billing Team <billing@example.com>\r\nSent: Monday, March 2, 2026 9:00\r\nTo: me\r\nSubject: Your invoice\r\n\r\nYour invoice is attached.";

        CaseTextCleaner.Clean(text).ShouldBe("Please cancel my subscription.");
    }

    [Fact]
    public void Clean_QuotedLinesInTheMiddle_AreDropped()
    {
        var text = "> you said the password resets\nIt did not reset.\n> try again\nStill locked out.";

        CaseTextCleaner.Clean(text).ShouldBe("It did not reset. Still locked out.");
    }

    [Fact]
    public void Clean_SignOffWithShortSignature_IsDropped()
    {
        var text = "I was charged twice for order 5531.\nCan you refund one charge?\n\nBest regards,\nJane Doe\nHead of Purchasing\n+44 20 7946 0000";

        CaseTextCleaner.Clean(text).ShouldBe("I was charged twice for order 5531. Can you refund one charge?");
    }

    [Fact]
    public void Clean_ThanksFollowedByRealText_IsKept()
    {
        var text = "Thanks,\nbut the replacement you sent last week also stopped working after two days and I would like to return it for a full refund.";

        CaseTextCleaner.Clean(text).ShouldContain("replacement you sent last week");
    }

    [Fact]
    public void Clean_DashDashSignatureAndMobileFooter_AreDropped()
    {
        CaseTextCleaner.Clean("App crashes on start.\n-- \nJohn\nACME Ltd").ShouldBe("App crashes on start.");
        CaseTextCleaner.Clean("App crashes on start.\nSent from my iPhone").ShouldBe("App crashes on start.");
    }

    [Fact]
    public void Clean_ChineseReplyAndSignOff_AreDropped()
    {
        var text = "我的账户无法登录，请帮忙重置密码。\n谢谢\n张伟\n\n在 2026年3月3日 星期二 10:02，客服 <help@example.com> 写道：\n> 您好";

        CaseTextCleaner.Clean(text).ShouldBe("我的账户无法登录，请帮忙重置密码。");
    }

    [Fact]
    public void Clean_VeryLongDescription_IsCutToTheMaximum()
    {
        var text = string.Concat(Enumerable.Repeat("refund please ", 50_000));

        var cleaned = CaseTextCleaner.Clean(text);

        cleaned.Length.ShouldBeLessThanOrEqualTo(CaseTextCleaner.MaxLength);
        cleaned.ShouldStartWith("refund please");
    }

    [Fact]
    public void Clean_UnclosedTagsAndAngleBracketsInText_DoNotLoseText()
    {
        CaseTextCleaner.Clean("Price < 5 and > 3 <b>is wrong").ShouldBe("Price < 5 and > 3 is wrong");
    }
}
