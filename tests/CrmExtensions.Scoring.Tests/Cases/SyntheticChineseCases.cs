namespace CrmExtensions.Scoring.Tests.Cases;

/// <summary>
/// SYNTHETIC Chinese cases written for these tests only: short templated sentences per category, to prove that the
/// featurisation handles a script written without spaces. They say nothing about accuracy on real Chinese tickets.
/// </summary>
internal static class SyntheticChineseCases
{
    private static readonly Dictionary<string, string[]> Phrases = new(StringComparer.Ordinal)
    {
        ["billing"] = ["发票金额不对", "重复扣款了", "退款还没有到账", "账单上多收了费用", "付款失败但是扣了钱", "信用卡被扣两次"],
        ["shipping"] = ["快递还没有送到", "包裹丢失了", "物流信息一直没有更新", "送货地址写错了", "订单发货太慢", "快递员没有送上门"],
        ["login"] = ["无法登录账户", "忘记密码了", "验证码收不到", "账号被锁定", "重置密码的邮件没有收到", "登录时提示密码错误"],
        ["product"] = ["产品开机就坏了", "屏幕有裂痕", "电池充不进电", "机器发出奇怪的噪音", "按键失灵", "说明书看不懂怎么安装"],
    };

    private static readonly string[] Openings = ["你好，", "您好，", "请帮忙，", "", "麻烦看一下，", "急！"];
    private static readonly string[] Closings = ["。", "，请尽快处理。", "，谢谢。", "！", "，怎么办？", "，希望回复。"];

    public static List<(string Text, string Category)> Make(int perCategory, int seed)
    {
        var random = new Random(seed);
        var cases = new List<(string, string)>();
        foreach (var (category, phrases) in Phrases)
        {
            for (var i = 0; i < perCategory; i++)
            {
                var first = phrases[random.Next(phrases.Length)];
                var second = random.Next(3) == 0 ? "，而且" + phrases[random.Next(phrases.Length)] : "";
                cases.Add((Openings[random.Next(Openings.Length)] + first + second + Closings[random.Next(Closings.Length)], category));
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(cases));
        return cases;
    }
}
