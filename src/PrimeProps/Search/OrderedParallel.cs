namespace PrimeProps.Search;

/// <summary>
/// Runs independent work items on several OS threads and hands the results over in input
/// order, on the calling thread. Whatever the caller decides from the results (which finding
/// came first, when to stop) therefore sees exactly the sequence one thread would have seen:
/// the number of jobs changes the speed, never the outcome.
/// </summary>
/// <remarks>
/// Workers run at most <c>4 * jobs</c> items ahead of the oldest one not yet handed over, so
/// memory stays bounded whatever the item count. Items started after the caller said stop are
/// finished and discarded. An exception of an item is rethrown on the calling thread when that
/// item's turn comes, as with one job.
/// </remarks>
public static class OrderedParallel
{
    /// <summary>
    /// Calls <paramref name="work"/> for each item and <paramref name="consume"/> with the
    /// results in item order, until the items run out, <paramref name="consume"/> returns
    /// false, or <paramref name="cancel"/> fires (checked before each item is started).
    /// </summary>
    public static void Run<TItem, TResult>(IEnumerable<TItem> items, int jobs, Func<TItem, TResult> work,
        Func<TItem, TResult, bool> consume, CancellationToken cancel = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        if (jobs == 1)
        {
            foreach (var item in items)
                if (cancel.IsCancellationRequested || !consume(item, work(item)))
                    return;
            return;
        }
        new Pipeline<TItem, TResult>(items, jobs, work, cancel).Drain(consume);
    }

    private sealed class Pipeline<TItem, TResult>(IEnumerable<TItem> items, int jobs, Func<TItem, TResult> work, CancellationToken cancel)
    {
        private readonly object gate = new();
        private readonly Dictionary<long, (TItem Item, TResult? Result, Exception? Error)> done = [];
        private readonly IEnumerator<TItem> source = items.GetEnumerator();
        private long started;   // items taken from the source
        private long handedOver; // items given to the consumer
        private bool exhausted, stopped;

        public void Drain(Func<TItem, TResult, bool> consume)
        {
            var workers = Enumerable.Range(0, jobs).Select(_ => new Thread(Work) { IsBackground = true }).ToList();
            workers.ForEach(w => w.Start());
            try
            {
                while (true)
                {
                    (TItem Item, TResult? Result, Exception? Error) next;
                    lock (gate)
                    {
                        while (!done.ContainsKey(handedOver) && !(handedOver == started && (exhausted || stopped)))
                            Monitor.Wait(gate);
                        if (!done.Remove(handedOver, out next))
                            return; // nothing more will come
                        handedOver++;
                        Monitor.PulseAll(gate);
                    }
                    if (next.Error is { } error)
                        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
                    if (!consume(next.Item, next.Result!))
                        return;
                }
            }
            finally
            {
                lock (gate)
                {
                    stopped = true;
                    Monitor.PulseAll(gate);
                }
                workers.ForEach(w => w.Join());
                source.Dispose();
            }
        }

        private void Work()
        {
            while (true)
            {
                long ticket;
                TItem item;
                lock (gate)
                {
                    while (!stopped && !exhausted && started - handedOver >= 4L * jobs)
                        Monitor.Wait(gate);
                    if (stopped || exhausted)
                        return;
                    if (cancel.IsCancellationRequested || !source.MoveNext())
                    {
                        exhausted = true;
                        Monitor.PulseAll(gate);
                        return;
                    }
                    item = source.Current;
                    ticket = started++;
                }
                (TItem, TResult?, Exception?) outcome;
                try
                {
                    outcome = (item, work(item), null);
                }
                catch (Exception e)
                {
                    outcome = (item, default, e);
                }
                lock (gate)
                {
                    done[ticket] = outcome;
                    Monitor.PulseAll(gate);
                }
            }
        }
    }
}
