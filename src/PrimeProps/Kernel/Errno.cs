namespace PrimeProps.Kernel;

/// <summary>Linux errno values (x86-64), as the kernel returns them negated.</summary>
public static class Errno
{
    public const int ENOENT = 2;
    public const int EBADF = 9;
    public const int EAGAIN = 11;
    public const int ENOMEM = 12;
    public const int EACCES = 13;
    public const int EINVAL = 22;
    public const int EMFILE = 24;
    public const int ENOTTY = 25;
    public const int ENOSPC = 28; // idr_alloc: no free id in [start, end)
    public const int ENOSYS = 38;

    public static string Name(int errno) => errno switch
    {
        ENOENT => "ENOENT", EBADF => "EBADF", EAGAIN => "EAGAIN", ENOMEM => "ENOMEM",
        EACCES => "EACCES", EINVAL => "EINVAL", EMFILE => "EMFILE", ENOTTY => "ENOTTY",
        ENOSPC => "ENOSPC", ENOSYS => "ENOSYS", _ => $"E{errno}",
    };

    /// <summary>"3" for a value, "-ENOENT" for an error return.</summary>
    public static string Format(long ret) => ret < 0 ? "-" + Name((int)-ret) : ret.ToString();

    public static bool TryParse(string name, out int errno)
    {
        foreach (var e in new[] { ENOENT, EBADF, EAGAIN, ENOMEM, EACCES, EINVAL, EMFILE, ENOTTY, ENOSPC, ENOSYS })
            if (Name(e) == name) { errno = e; return true; }
        errno = 0;
        return false;
    }
}
