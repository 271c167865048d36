package dev.escape.decisions;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jdk.vm.ci.meta.ResolvedJavaMethod;

/**
 * One bytecode position: a method, a bci and, where the class file has them, file and line.
 *
 * <p>
 * A chain of frames (innermost first) is what an allocation or a materialization was inlined
 * through. Host compilations make chains of a few frames; Truffle's partial evaluation makes
 * chains of hundreds, the same interpreter frames in every site. Reports show a long chain by its
 * {@value #INNERMOST} innermost and {@value #OUTERMOST} outermost frames ({@link #shown}) and say how
 * many they left out ({@link #omitted}); keys name its innermost frames and a hash of all.
 */
public record Frame(String className, String methodName, String signature, int bci, String fileName, int line) {
    /** Frames shown from the inner end of a long chain: the allocation and the code around it. */
    public static final int INNERMOST = 8;
    /** Frames shown from the outer end of a long chain: the compiled root. */
    public static final int OUTERMOST = 2;
    /** Frames a key names of a long chain, innermost first; a hash of every frame stands for the rest. */
    private static final int KEY_FRAMES = 4;

    static Frame of(ResolvedJavaMethod method, int bci) {
        StackTraceElement element = bci >= 0 ? method.asStackTraceElement(bci) : null;
        return new Frame(method.getDeclaringClass().toJavaName(), method.getName(), method.getSignature().toMethodDescriptor(), bci,
                        element != null ? element.getFileName() : null, element != null ? element.getLineNumber() : -1);
    }

    /** {@code Foo.java:42}, or {@code Foo.bar@17} when the class has no line numbers. */
    public String location() {
        if (fileName != null && line >= 0) {
            return fileName + ":" + line;
        }
        return simpleClassName() + "." + methodName + "@" + bci;
    }

    public String simpleClassName() {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /** Stable across runs and recompilations: does not depend on line tables being present. */
    String key() {
        return className + "." + methodName + signature + "@" + bci;
    }

    /** The frames of {@code chain} a report lists: all of them, or the innermost and outermost ones of a long chain. */
    public static List<Frame> shown(List<Frame> chain) {
        if (omitted(chain) == 0) {
            return chain;
        }
        return Stream.concat(chain.subList(0, INNERMOST).stream(), chain.subList(chain.size() - OUTERMOST, chain.size()).stream()).toList();
    }

    /** How many frames of {@code chain} {@link #shown} leaves out, between the innermost and outermost ones. */
    public static int omitted(List<Frame> chain) {
        return Math.max(0, chain.size() - INNERMOST - OUTERMOST);
    }

    /**
     * {@code chain} written with {@code show} per frame, joined by {@code " <- "}; a long chain
     * has {@code ... N frames ...} where {@link #shown} leaves frames out.
     */
    public static String join(List<Frame> chain, Function<Frame, String> show) {
        if (omitted(chain) == 0) {
            return chain.stream().map(show).collect(Collectors.joining(" <- "));
        }
        return join(chain.subList(0, INNERMOST), show) + " <- ... " + omitted(chain) + " frames ... <- " + join(chain.subList(chain.size() - OUTERMOST, chain.size()), show);
    }

    /** Where the hash of a chain of frames starts (64-bit FNV-1a's offset basis). */
    static final long CHAIN_HASH_SEED = 0xcbf29ce484222325L;

    /**
     * The hash of the chain of {@code frame} and its callers, whose hash is {@code callers}: FNV-1a
     * over every frame's key, the outermost first, so that a chain's hash extends its callers'.
     */
    static long chainHash(long callers, Frame frame) {
        long hash = callers;
        String key = frame.key();
        for (int i = 0; i < key.length(); i++) {
            hash = (hash ^ key.charAt(i)) * 0x100000001b3L;
        }
        return hash;
    }

    /**
     * A key of {@code chain}, stable across runs and recompilations: the frames' keys; a long chain
     * by its {@value #KEY_FRAMES} innermost frames, its length and a hash of every frame's key, so
     * that chains that differ only in the frames left out keep different keys.
     */
    static String chainKey(List<Frame> chain) {
        long hash = CHAIN_HASH_SEED;
        if (omitted(chain) > 0) {
            for (int i = chain.size() - 1; i >= 0; i--) {
                hash = chainHash(hash, chain.get(i));
            }
        }
        return chainKey(chain, hash);
    }

    /** {@link #chainKey(List)} with the chain's hash already known. */
    static String chainKey(List<Frame> chain, long hash) {
        if (omitted(chain) == 0) {
            return join(chain, Frame::key);
        }
        return join(chain.subList(0, KEY_FRAMES), Frame::key) + " <- ... (" + chain.size() + " frames #" + Long.toHexString(hash) + ")";
    }
}
