using System.Text;

namespace PrimeProps.KernelLane;

/// <summary>
/// A one-file cpio archive in the "newc" format the kernel unpacks as initramfs. Appended to
/// the base initramfs it adds the batch without rebuilding the base (the kernel unpacks
/// concatenated archives, compressed or not, one after another).
/// </summary>
public static class NewcArchive
{
    public static byte[] SingleFile(string name, byte[] content)
    {
        var s = new MemoryStream();
        Entry(s, name, content, mode: 0x81A4); // regular file, 0644
        Entry(s, "TRAILER!!!", [], mode: 0);
        return s.ToArray();
    }

    /// <summary>Zero bytes up to a multiple of 4: an uncompressed archive must start 4-aligned, and the unpacker skips zeros.</summary>
    public static byte[] Padding(long length) => new byte[(4 - length % 4) % 4];

    private static void Entry(MemoryStream s, string name, byte[] content, int mode)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        // magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor, devminor, rdevmajor, rdevminor, namesize, check
        int[] fields = [1, mode, 0, 0, 1, 0, content.Length, 0, 0, 0, 0, nameBytes.Length, 0];
        var header = "070701" + string.Concat(fields.Select(f => f.ToString("X8")));
        s.Write(Encoding.ASCII.GetBytes(header));
        s.Write(nameBytes);
        s.Write(Padding(s.Length));
        s.Write(content);
        s.Write(Padding(s.Length));
    }
}
