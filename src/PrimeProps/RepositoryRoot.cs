namespace PrimeProps;

/// <summary>
/// The one walk up the directory tree that finds a checkout: every tool, bench and test that
/// needs the repository's folders (fuzz-corpus/, bench/results/, .cache/) asks here.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The file that marks the PrimeProps checkout's top folder.</summary>
    public const string Marker = "PrimeProps.sln";

    /// <summary>The PrimeProps checkout above the current directory, else above the running program (a build inside it); null outside one.</summary>
    public static string? Find()
        => Above(Environment.CurrentDirectory, IsPrimeProps) ?? Above(AppContext.BaseDirectory, IsPrimeProps);

    /// <summary>Like <see cref="Find"/>, but outside a checkout an error that says what to do.</summary>
    public static string Require()
        => Find() ?? throw new DirectoryNotFoundException(
            $"cannot find the PrimeProps repository ({Marker}) above {Environment.CurrentDirectory}: run this from inside it");

    /// <summary>The nearest folder from <paramref name="start"/> upwards (itself included) that <paramref name="isRoot"/> accepts.</summary>
    public static string? Above(string start, Func<DirectoryInfo, bool> isRoot)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (isRoot(dir))
                return dir.FullName;
        return null;
    }

    private static bool IsPrimeProps(DirectoryInfo dir) => File.Exists(Path.Combine(dir.FullName, Marker));
}
