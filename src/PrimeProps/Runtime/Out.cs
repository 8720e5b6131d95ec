namespace PrimeProps.Runtime;

/// <summary>An out-parameter for async kernel functions: C's <c>int *prime_fd</c>, <c>u32 *handlep</c>.</summary>
public sealed class Out<T>
{
    public T Value = default!;
}
