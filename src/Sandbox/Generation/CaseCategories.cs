namespace CrmExtensions.Sandbox.Generation;

/// <summary>The eight support-case categories and the texts cases are written from (English and Chinese).</summary>
internal static class CaseCategories
{
    public static readonly IReadOnlyList<string> Names =
    [
        "Billing and invoices", "Login and access", "Shipping and delivery", "Product defect",
        "Installation and setup", "Returns and refunds", "Account changes", "Performance and outages",
    ];

    /// <summary>Pairs of categories whose texts are easily confused (index = category - 1).</summary>
    public static readonly IReadOnlyList<int> Confusable = [6, 7, 6, 8, 8, 1, 2, 4];

    public static readonly IReadOnlyList<string[]> EnglishSubjects =
    [
        ["Wrong amount on invoice", "Charged twice this month", "Invoice not received", "Question about my bill", "VAT missing on invoice"],
        ["Cannot log in", "Password reset link not working", "Account locked out", "Two-factor code never arrives", "Access denied for new user"],
        ["Order has not arrived", "Tracking number not updating", "Package delivered to wrong address", "Delivery delayed again", "Parcel damaged in transit"],
        ["Device stopped working", "Screen flickers after a week", "Broken part in the box", "Unit overheats", "Button is stuck"],
        ["Help installing the software", "Setup wizard fails", "Cannot connect device to network", "Driver installation error", "Configuration question"],
        ["Request a refund", "How do I return an item", "Refund not received yet", "Return label needed", "Exchange for another size"],
        ["Change billing address", "Update company name", "Add a user to our account", "Close my account", "Transfer ownership of account"],
        ["System is very slow", "Service outage this morning", "Dashboard times out", "Sync takes hours", "Intermittent errors in the app"],
    ];

    public static readonly IReadOnlyList<string[]> EnglishBodies =
    [
        ["The invoice shows a higher amount than agreed.", "We were billed twice for the same subscription.", "I never received the invoice for last month.", "The tax on the invoice looks wrong."],
        ["I cannot sign in since yesterday, it says my password is wrong.", "The reset email link expires immediately.", "My account was locked after three attempts.", "The new colleague gets access denied."],
        ["Our order was due last week and is still not here.", "The tracking page has not changed for days.", "The courier left the parcel at the wrong address.", "The box arrived crushed."],
        ["The device turns off by itself after a few minutes.", "One of the parts was broken when we opened the box.", "It gets very hot and then stops.", "The screen shows lines and flickers."],
        ["The installer stops at 80 percent with an error.", "We cannot get the device onto our wifi.", "The setup guide does not match what we see.", "The driver will not install on our laptops."],
        ["We would like our money back for this order.", "Please send a return label, the item does not fit.", "We returned the goods a month ago and have no refund.", "Can we exchange it for a different model?"],
        ["We moved offices, please update our address.", "Our company changed its name, please update the account.", "Please add two more users to our plan.", "We want to close the account at the end of the month."],
        ["Everything is extremely slow since the update.", "The service was down for two hours this morning.", "Reports time out before they load.", "We keep getting random errors when saving."],
    ];

    public static readonly IReadOnlyList<string[]> ChineseSubjects =
    [
        ["发票金额错误", "本月重复扣费", "没有收到发票"],
        ["无法登录", "密码重置链接无效", "账户被锁定"],
        ["订单还没到", "物流信息不更新", "包裹送错地址"],
        ["设备无法工作", "收到的零件是坏的", "机器过热"],
        ["软件安装失败", "设备连不上网络", "驱动安装出错"],
        ["申请退款", "如何退货", "退款还没收到"],
        ["修改账单地址", "更新公司名称", "添加新用户"],
        ["系统非常慢", "今天早上服务中断", "报表加载超时"],
    ];

    public static readonly IReadOnlyList<string[]> ChineseBodies =
    [
        ["发票上的金额比合同高。", "同一个订阅被扣了两次钱。", "上个月的发票一直没有收到。"],
        ["从昨天开始无法登录，提示密码错误。", "重置密码的邮件链接马上就过期了。", "输错三次以后账户被锁了。"],
        ["订单上周就应该到了，现在还没收到。", "物流页面好几天没有更新。", "快递把包裹放到了错误的地址。"],
        ["设备用几分钟就自动关机。", "打开箱子发现有一个零件坏了。", "机器很烫然后就停了。"],
        ["安装程序在百分之八十的时候报错。", "设备无法连接到我们的无线网络。", "驱动程序装不上。"],
        ["我们想退掉这个订单并退款。", "请发一个退货标签，尺寸不合适。", "一个月前就退货了，还没有退款。"],
        ["我们搬了办公室，请更新地址。", "公司改名了，请更新账户信息。", "请给我们的套餐再加两个用户。"],
        ["更新以后系统特别慢。", "今天早上服务中断了两个小时。", "保存的时候经常随机报错。"],
    ];

    /// <summary>Texts that carry no category signal (about 10% of cases).</summary>
    public static readonly IReadOnlyList<string> EnglishGenericSubjects =
        ["Need help", "Problem with our account", "Please call me back", "Question", "Follow-up on my previous ticket", "Issue"];

    public static readonly IReadOnlyList<string> EnglishGenericBodies =
    [
        "Please get in touch as soon as possible.", "We have an issue and need someone to look at it.",
        "Following up on my earlier message, this is still not resolved.", "Can someone call me today?", "See the attached screenshot.",
    ];

    public static readonly IReadOnlyList<string> ChineseGenericSubjects = ["需要帮助", "请回电", "有问题"];

    public static readonly IReadOnlyList<string> ChineseGenericBodies = ["请尽快联系我们。", "我们遇到了问题，需要有人处理。", "之前的问题还没有解决。"];
}
