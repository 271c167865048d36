package dev.escape.realworld;

import java.nio.charset.StandardCharsets;

/** 64-bit FNV-1a, used for output checksums (deterministic, no JDK hashing involved). */
public final class Hash {
    private long h = 0xcbf29ce484222325L;

    public Hash bytes(byte[] b) { return bytes(b, 0, b.length); }

    public Hash bytes(byte[] b, int off, int len) {
        long x = h;
        for (int i = off; i < off + len; i++) {
            x ^= (b[i] & 0xff);
            x *= 0x100000001b3L;
        }
        h = x;
        return this;
    }

    public Hash str(String s) {
        if (s == null) {
            return lng(0x5eed);
        }
        bytes(s.getBytes(StandardCharsets.UTF_8));
        return lng(s.length());
    }

    public Hash lng(long v) {
        long x = h;
        for (int i = 0; i < 8; i++) {
            x ^= (v >>> (8 * i)) & 0xff;
            x *= 0x100000001b3L;
        }
        h = x;
        return this;
    }

    public Hash dbl(double d) { return lng(Double.doubleToLongBits(d)); }

    public long get() { return h; }
}
