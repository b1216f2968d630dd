using System.Buffers.Binary;

namespace Tanpan.Web.Platform.Pdf;

/// <summary>A TrueType (glyf) font cut down to the glyphs one document uses, keeping every glyph id (unused glyphs
/// become empty), so text shaped with the full font draws the same with the subset. Skia embeds a font it cannot
/// subset itself as it is: the full Noto Sans TC made a two-page PDF 4 MB, the subset keeps it to the glyphs drawn.
/// Layout tables the PDF does not need (GSUB, GPOS, vertical metrics) are dropped.</summary>
public static class FontSubset
{
    private static readonly HashSet<string> Kept = ["OS/2", "cmap", "head", "hhea", "hmtx", "loca", "glyf", "maxp", "name", "post", "cvt ", "fpgm", "prep", "gasp"];

    public static byte[] Create(ReadOnlySpan<byte> font, IEnumerable<ushort> glyphs)
    {
        var tables = ReadTables(font);
        var head = tables["head"];
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(head.AsSpan(50)) == 1;
        var numGlyphs = BinaryPrimitives.ReadUInt16BigEndian(tables["maxp"].AsSpan(4));
        var loca = tables["loca"];
        var glyf = tables["glyf"];
        uint Offset(int g) => longLoca ? BinaryPrimitives.ReadUInt32BigEndian(loca.AsSpan(g * 4)) : BinaryPrimitives.ReadUInt16BigEndian(loca.AsSpan(g * 2)) * 2u;

        // Glyph 0 (.notdef) always, then the glyphs asked for and the components of composite glyphs.
        var keep = new HashSet<int> { 0 };
        var pending = new Stack<int>(glyphs.Select(g => (int)g).Where(g => g < numGlyphs));
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            if (!keep.Add(g) && g != 0)
            {
                continue;
            }

            var start = (int)Offset(g);
            var end = (int)Offset(g + 1);
            if (end - start >= 10 && BinaryPrimitives.ReadInt16BigEndian(glyf.AsSpan(start)) < 0)
            {
                foreach (var component in Components(glyf.AsSpan(start, end - start)))
                {
                    if (component < numGlyphs && !keep.Contains(component))
                    {
                        pending.Push(component);
                    }
                }
            }
        }

        using var newGlyf = new MemoryStream();
        var newLoca = new byte[(numGlyphs + 1) * 4];
        for (var g = 0; g < numGlyphs; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(g * 4), (uint)newGlyf.Length);
            if (keep.Contains(g))
            {
                var start = (int)Offset(g);
                var end = (int)Offset(g + 1);
                newGlyf.Write(glyf, start, end - start);
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(numGlyphs * 4), (uint)newGlyf.Length);
        var newHead = (byte[])head.Clone();
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0);
        var output = tables.Where(t => Kept.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        output["glyf"] = newGlyf.ToArray();
        output["loca"] = newLoca;
        output["head"] = newHead;
        return Write(output, BinaryPrimitives.ReadUInt32BigEndian(font));
    }

    /// <summary>The glyph ids a composite glyph is built from (TrueType 'glyf' composite records).</summary>
    private static List<int> Components(ReadOnlySpan<byte> glyph)
    {
        const ushort ArgsAreWords = 0x0001, HaveScale = 0x0008, MoreComponents = 0x0020, HaveXyScale = 0x0040, HaveTwoByTwo = 0x0080;
        var list = new List<int>();
        var at = 10;
        ushort flags;
        do
        {
            if (at + 4 > glyph.Length)
            {
                break;
            }

            flags = BinaryPrimitives.ReadUInt16BigEndian(glyph[at..]);
            list.Add(BinaryPrimitives.ReadUInt16BigEndian(glyph[(at + 2)..]));
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            at += (flags & HaveScale) != 0 ? 2 : (flags & HaveXyScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0;
        }
        while ((flags & MoreComponents) != 0);
        return list;
    }

    private static Dictionary<string, byte[]> ReadTables(ReadOnlySpan<byte> font)
    {
        var count = BinaryPrimitives.ReadUInt16BigEndian(font[4..]);
        var tables = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            var record = font.Slice(12 + (16 * i), 16);
            var tag = System.Text.Encoding.ASCII.GetString(record[..4]);
            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(record[8..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(record[12..]);
            tables[tag] = font.Slice(offset, length).ToArray();
        }

        return tables;
    }

    private static byte[] Write(Dictionary<string, byte[]> tables, uint sfntVersion)
    {
        var tags = tables.Keys.Order(StringComparer.Ordinal).ToArray();
        var count = tags.Length;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        using var output = new MemoryStream();
        var header = new byte[12 + (16 * count)];
        BinaryPrimitives.WriteUInt32BigEndian(header, sfntVersion);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(header.AsSpan(10), (ushort)((count - power) * 16));
        var offset = header.Length;
        for (var i = 0; i < count; i++)
        {
            var data = tables[tags[i]];
            var record = header.AsSpan(12 + (16 * i));
            System.Text.Encoding.ASCII.GetBytes(tags[i], record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(record[8..], (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record[12..], (uint)data.Length);
            offset += (data.Length + 3) & ~3;
        }

        output.Write(header);
        foreach (var tag in tags)
        {
            var data = tables[tag];
            output.Write(data);
            for (var pad = data.Length; pad % 4 != 0; pad++)
            {
                output.WriteByte(0);
            }
        }

        return output.ToArray();
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }

            sum = unchecked(sum + word);
        }

        return sum;
    }
}
