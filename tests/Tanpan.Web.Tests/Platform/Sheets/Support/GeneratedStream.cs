namespace Tanpan.Web.Tests.Platform.Sheets.Support;

/// <summary>A read-only, seekable stream of <paramref name="length"/> bytes repeating <paramref name="pattern"/>: a "1 GB file" that occupies no disk and no memory.</summary>
public sealed class GeneratedStream(long length, byte[] pattern) : Stream
{
    private long _position;

    public long BytesServed { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, length);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, length - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[i] = pattern[(int)((_position + i) % pattern.Length)];
        }

        _position += n;
        BytesServed += n;
        return n;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
