namespace PrimeProps.Kernel;

public enum FileKind { Stdio, Drm, DmaBuf }

/// <summary>struct file: what an fd points at. Several fds share one file after dup().</summary>
public sealed class KFile(KernelState kernel, int id, FileKind kind, object? privateData)
    : KObject(kernel, kind switch { FileKind.Stdio => $"stdio#{id}", _ => $"file#{id}" })
{
    private long _f_count = 1;

    /// <summary>Which struct file this is: fds that share a file (dup, re-export) share this id.</summary>
    public int Id { get; } = id;
    public FileKind Kind { get; } = kind;
    public long f_count { get { Use(); return _f_count; } set { Use(); _f_count = value; } }
    public object? private_data { get { Use(); return privateData; } }
    /// <summary>O_RDWR or O_RDONLY, fixed when the file is created.</summary>
    public bool ReadWrite { get; init; }

    internal long RawCount => _f_count;

    /// <summary>Trace labels of fput's scheduling points and of taking a reference, made once.</summary>
    internal string FputLabel => fputLabel ??= $"atomic_long_dec_and_test(&{Label}->f_count)";
    internal string FinalFputLabel => finalFputLabel ??= $"__fput({Label})";
    private string? fputLabel, finalFputLabel;
    internal object? RawPrivate => privateData;
}
