using System.Buffers.Binary;
using System.Globalization;

namespace Tanpan.Web.Platform.Sheets.Internal;

/// <summary>One central-directory record as declared by the file (not yet trusted).</summary>
internal readonly record struct ZipRecord(ushort Flags, ushort Method, long CompressedSize, long UncompressedSize)
{
    public const ushort Stored = 0;
    public const ushort Deflate = 8;
    public const ushort Deflate64 = 9;

    /// <summary>Most bytes System.IO.Compression will hand out for this entry: it stops inflating at the declared size, but a stored entry is copied for its compressed length.</summary>
    public long MaxYield => Method == Stored ? Math.Max(CompressedSize, UncompressedSize) : UncompressedSize;
}

/// <summary>
/// Reads the end-of-central-directory record and walks the central directory without allocating per entry,
/// so entry counts and declared sizes are bounded before <see cref="System.IO.Compression.ZipArchive"/> builds an object per entry.
/// </summary>
internal static class ZipDirectory
{
    private const uint EocdSignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EocdSignature = 0x06064b50;
    private const uint CentralHeaderSignature = 0x02014b50;
    private const int EocdSize = 22;
    private const int MaxCommentLength = ushort.MaxValue;

    public static UploadFailure? Read(Stream stream, UploadLimits limits, out List<ZipRecord> records)
    {
        records = [];
        var length = stream.Length;
        if (length < EocdSize)
        {
            return UploadFailure.NotASpreadsheet("it is too short to be an .xlsx (zip) file.");
        }

        var tailLength = (int)Math.Min(length, EocdSize + MaxCommentLength);
        var tail = new byte[tailLength];
        ReadAt(stream, length - tailLength, tail);

        var eocd = -1;
        for (var i = tailLength - EocdSize; i >= 0; i--)
        {
            if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EocdSignature)
            {
                eocd = i;
                break;
            }
        }

        if (eocd < 0)
        {
            return UploadFailure.NotASpreadsheet("it is not a zip archive (.xlsx files are zips).");
        }

        var e = tail.AsSpan(eocd);
        var disk = BinaryPrimitives.ReadUInt16LittleEndian(e[4..]);
        var cdDisk = BinaryPrimitives.ReadUInt16LittleEndian(e[6..]);
        long count = BinaryPrimitives.ReadUInt16LittleEndian(e[10..]);
        long cdSize = BinaryPrimitives.ReadUInt32LittleEndian(e[12..]);
        long cdOffset = BinaryPrimitives.ReadUInt32LittleEndian(e[16..]);
        var eocdPosition = length - tailLength + eocd;

        // Zip64 is only needed past 65,535 entries or 4 GB; honour it (as .NET does) so a huge count cannot hide behind 0xFFFF.
        if (eocd >= 20 && BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(eocd - 20)) == Zip64LocatorSignature)
        {
            var zip64Offset = BinaryPrimitives.ReadInt64LittleEndian(tail.AsSpan(eocd - 20 + 8));
            if (zip64Offset < 0 || zip64Offset > eocdPosition - 56)
            {
                return UploadFailure.NotASpreadsheet("its zip64 directory locator points outside the file.");
            }

            var z = new byte[56];
            ReadAt(stream, zip64Offset, z);
            if (BinaryPrimitives.ReadUInt32LittleEndian(z) != Zip64EocdSignature)
            {
                return UploadFailure.NotASpreadsheet("its zip64 directory record is missing.");
            }

            count = BinaryPrimitives.ReadInt64LittleEndian(z.AsSpan(32));
            cdSize = BinaryPrimitives.ReadInt64LittleEndian(z.AsSpan(40));
            cdOffset = BinaryPrimitives.ReadInt64LittleEndian(z.AsSpan(48));
            eocdPosition = zip64Offset;
        }

        if (disk != 0 || cdDisk != 0)
        {
            return UploadFailure.NotASpreadsheet("it is a multi-part (spanned) zip.");
        }

        if (count < 0 || count > limits.MaxZipEntries)
        {
            return UploadFailure.Over(UploadCodes.TooManyEntries, "zip entries", limits.MaxZipEntries, count);
        }

        if (cdSize < 0 || cdOffset < 0 || cdOffset + cdSize > eocdPosition)
        {
            return UploadFailure.NotASpreadsheet("its zip central directory lies outside the file.");
        }

        // Bounded by the file size, which was checked before this call.
        var cd = new byte[cdSize];
        ReadAt(stream, cdOffset, cd);
        var pos = 0;
        long declaredTotal = 0;
        while (pos < cd.Length)
        {
            if (records.Count >= limits.MaxZipEntries)
            {
                return UploadFailure.Over(UploadCodes.TooManyEntries, "zip entries", limits.MaxZipEntries, records.Count + 1, atLeast: true);
            }

            if (cd.Length - pos < 46 || BinaryPrimitives.ReadUInt32LittleEndian(cd.AsSpan(pos)) != CentralHeaderSignature)
            {
                return UploadFailure.NotASpreadsheet("its zip central directory is corrupt.");
            }

            var h = cd.AsSpan(pos);
            var flags = BinaryPrimitives.ReadUInt16LittleEndian(h[8..]);
            var method = BinaryPrimitives.ReadUInt16LittleEndian(h[10..]);
            long compressed = BinaryPrimitives.ReadUInt32LittleEndian(h[20..]);
            long uncompressed = BinaryPrimitives.ReadUInt32LittleEndian(h[24..]);
            var nameLength = BinaryPrimitives.ReadUInt16LittleEndian(h[28..]);
            var extraLength = BinaryPrimitives.ReadUInt16LittleEndian(h[30..]);
            var commentLength = BinaryPrimitives.ReadUInt16LittleEndian(h[32..]);
            var recordLength = 46 + nameLength + extraLength + commentLength;
            if (recordLength > cd.Length - pos)
            {
                return UploadFailure.NotASpreadsheet("its zip central directory is corrupt.");
            }

            if (uncompressed == uint.MaxValue || compressed == uint.MaxValue)
            {
                ReadZip64Sizes(h.Slice(46 + nameLength, extraLength), ref uncompressed, ref compressed);
            }

            // Bit 0: traditional encryption; bit 6: strong encryption; method 99: WinZip AES.
            if ((flags & 0x41) != 0 || method == 99)
            {
                return new UploadFailure(UploadCodes.Encrypted, "The workbook is password-protected or encrypted; save an unprotected copy and upload that.");
            }

            if (method is not (ZipRecord.Stored or ZipRecord.Deflate or ZipRecord.Deflate64))
            {
                return UploadFailure.NotASpreadsheet(string.Create(CultureInfo.InvariantCulture, $"it uses zip compression method {method}, which Excel does not write."));
            }

            if (uncompressed < 0 || compressed < 0 || (method == ZipRecord.Stored && compressed != uncompressed))
            {
                return UploadFailure.NotASpreadsheet("its zip entry sizes are inconsistent.");
            }

            var record = new ZipRecord(flags, method, compressed, uncompressed);
            declaredTotal += record.MaxYield;
            if (declaredTotal > limits.MaxUncompressedBytes)
            {
                return UploadFailure.Over(UploadCodes.UncompressedTooLarge, "bytes when uncompressed", limits.MaxUncompressedBytes, declaredTotal, atLeast: true);
            }

            records.Add(record);
            pos += recordLength;
        }

        return records.Count == count ? null : UploadFailure.NotASpreadsheet("its zip directory declares a different number of entries than it holds.");
    }

    private static void ReadZip64Sizes(ReadOnlySpan<byte> extra, ref long uncompressed, ref long compressed)
    {
        while (extra.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(extra);
            var size = BinaryPrimitives.ReadUInt16LittleEndian(extra[2..]);
            if (size > extra.Length - 4)
            {
                return;
            }

            var data = extra.Slice(4, size);
            if (id == 0x0001)
            {
                // Fields appear only for the 32-bit values that were maxed out, in this order.
                if (uncompressed == uint.MaxValue && data.Length >= 8)
                {
                    uncompressed = BinaryPrimitives.ReadInt64LittleEndian(data);
                    data = data[8..];
                }

                if (compressed == uint.MaxValue && data.Length >= 8)
                {
                    compressed = BinaryPrimitives.ReadInt64LittleEndian(data);
                }

                return;
            }

            extra = extra[(4 + size)..];
        }
    }

    private static void ReadAt(Stream stream, long offset, byte[] buffer)
    {
        stream.Position = offset;
        stream.ReadExactly(buffer);
    }
}
