package dev.escape.realworld;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZInputStream;
import org.tukaani.xz.XZOutputStream;

/**
 * XZ for Java 1.10 (org.tukaani:xz, pure Java LZMA2) compressing the Commons Lang 3.17.0 sources
 * (3.7 MB, the files concatenated in path order) at preset 2 with a CRC64 check, then decompressing
 * the result and comparing it with the input. One iteration does both. Checksum: the compressed
 * bytes (the .xz format stores no time stamp).
 */
public final class XzWorkload implements Workload {
    private byte[] input;

    @Override
    public void setup(Path corpus) throws Exception {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (SourceFile f : SourceFile.commonsLang(corpus)) {
            all.write(("// " + f.path() + "\n").getBytes(StandardCharsets.UTF_8));
            all.write(f.text().getBytes(StandardCharsets.UTF_8));
        }
        input = all.toByteArray();
        System.out.println("# xz: " + input.length + " bytes of input");
    }

    @Override
    public long iteration() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (XZOutputStream out = new XZOutputStream(packed, new LZMA2Options(2), XZ.CHECK_CRC64)) {
            out.write(input);
        }
        byte[] xz = packed.toByteArray();
        byte[] back;
        try (XZInputStream in = new XZInputStream(new ByteArrayInputStream(xz))) {
            back = in.readAllBytes();
        }
        if (!Arrays.equals(back, input)) {
            throw new IllegalStateException("xz: decompressed data differs from the input");
        }
        return new Hash().bytes(xz).lng(xz.length).get();
    }

    @Override public int defaultWarmup() { return 15; }
    @Override public int defaultMaxWarmup() { return 1000; }
}
