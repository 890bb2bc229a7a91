namespace CrmExtensions.Sandbox.Generation;

internal sealed partial class DataGenerator
{
    /// <summary>Days before AsOf that separate churn features (before) from the churn label window (after).</summary>
    internal const int ChurnWindowDays = 180;

    private void GenerateOrders()
    {
        var wonByAccount = _opportunities.Where(o => o.State == DealState.Won).ToLookup(o => o.AccountId);
        var cutoff = _asOf.AddDays(-ChurnWindowDays);
        var orderNumber = 1000;
        foreach (var account in _accounts)
        {
            var latent = _accountLatent[account.Id];
            var churnAt = account.CreatedOn.AddDays(365 * _rng.Exponential(latent.ChurnHazard));
            var end = churnAt < _asOf ? churnAt : _asOf;
            var orderedBefore = false;
            var orderedAfter = false;
            var priceList = _priceLists.First(p => p.CurrencyId == account.CurrencyId);
            var currency = CurrencyById(account.CurrencyId);
            var won = wonByAccount[account.Id].ToList();

            // Orders form a Poisson process from the account's creation until it churns (docs/sandbox-data.md §Churn).
            var t = account.CreatedOn.AddDays(365 * _rng.Exponential(latent.OrderRate));
            while (t < end)
            {
                var opportunity = won.Count > 0 && _rng.Chance(0.3) ? _rng.Pick(won) : null;
                AddOrder(account, opportunity?.Id, priceList, currency, t, ++orderNumber, latent);
                orderedBefore |= t < cutoff;
                orderedAfter |= t >= cutoff;
                t = t.AddDays(365 * _rng.Exponential(latent.OrderRate));
            }

            if (orderedBefore)
            {
                _churned[account.Id] = !orderedAfter;
            }
        }
    }

    private void AddOrder(Account account, Guid? opportunityId, PriceList priceList, Currency currency, DateTime when, int number, AccountLatent latent)
    {
        when = new DateTime(when.Ticks - (when.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var orderId = _rng.Guid();
        var lines = 1 + _rng.Poisson(1.8);
        var total = 0m;
        for (var i = 0; i < lines; i++)
        {
            var p = PickProduct(latent.ProductCumulative);
            var product = _products[p];
            var quantity = (decimal)(1 + _rng.Poisson(2));
            var price = _prices[(priceList.Id, product.Id)];
            var discount = _rng.Chance(0.2) ? Math.Round(price * quantity * 0.1m, currency.Precision) : 0m;
            var extended = (price * quantity) - discount;
            total += extended;
            _orderLines.Add(new OrderLine(_rng.Guid(), orderId, product.Id, quantity, price, discount, extended));
        }

        var age = (_asOf - when).TotalDays;
        var state = age > 30 ? (_rng.Chance(0.04) ? OrderState.Canceled : OrderState.Fulfilled) : OrderState.Active;
        _orders.Add(new Order(orderId, $"ORD-{number:D6}", account.Id, opportunityId, currency.Id, priceList.Id, account.OwnerId,
            total, state, when, state == OrderState.Active ? when : when.AddDays(Math.Min(age - 0.01, 3 + _rng.Int(0, 20)))));
    }

    private int PickProduct(double[] cumulative)
    {
        var x = _rng.Uniform() * cumulative[^1];
        var index = Array.BinarySearch(cumulative, x);
        return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
    }
}
