package dev.escape.decisions;

import java.util.List;
import java.util.Objects;

import jdk.graal.compiler.graph.NodeSourcePosition;
import jdk.graal.compiler.graph.SourceLanguagePosition;
import jdk.vm.ci.code.BytecodePosition;

/**
 * Where an allocation comes from: the {@code new} in the source, and the chain of call sites
 * through which it was inlined into the compiled method. Its {@link #key()} is computed once: a
 * Truffle site's chain has hundreds of frames, and censuses, decisions and reports look sites up
 * by key many times per compilation.
 */
public final class AllocationSite {
    private final String type;
    private final AllocationKind kind;
    private final List<Frame> frames;
    private final String guest;
    private final String key;

    /**
     * @param type the allocated type as Java source writes it ({@code int[]}, {@code java.lang.Integer})
     * @param kind which bytecode or intrinsic made it
     * @param frames innermost first: {@code frames.get(0)} holds the allocation itself; empty when
     *            the graph did not track source positions
     * @param guest in a Truffle compilation, the guest-language source position of the allocation
     *            ({@code app.js:12}), where the node source positions carry one; else null
     */
    public AllocationSite(String type, AllocationKind kind, List<Frame> frames, String guest) {
        this(type, kind, List.copyOf(frames), guest, Frame.chainKey(frames));
    }

    private AllocationSite(String type, AllocationKind kind, List<Frame> frames, String guest, String chainKey) {
        this.type = type;
        this.kind = kind;
        this.frames = frames;
        this.guest = guest;
        this.key = type + " at " + chainKey;
    }

    public AllocationSite(String type, AllocationKind kind, List<Frame> frames) {
        this(type, kind, frames, null);
    }

    public static AllocationSite of(String type, AllocationKind kind, NodeSourcePosition position) {
        FrameChain chain = FrameChain.of(position);
        return new AllocationSite(type, kind, chain.frames(), guestPosition(position), chain.key());
    }

    /**
     * The innermost guest position on the chain: partial evaluation gives the positions of code
     * inlined from a Truffle node the node's source section (when the language sets them, as
     * GraalJS does), as {@code file:line}.
     */
    static String guestPosition(NodeSourcePosition position) {
        for (NodeSourcePosition p = position; p != null; p = p.getCaller()) {
            SourceLanguagePosition guest = p.getSourceLanguage();
            if (guest != null && guest.getLineNumber() > 0) {
                String uri = guest.getURI() != null ? guest.getURI().toString() : null;
                String file = uri == null ? "<" + guest.getLanguage() + ">" : uri.substring(uri.lastIndexOf('/') + 1);
                return file + ":" + guest.getLineNumber();
            }
        }
        return null;
    }

    /** The frames of {@code position} and its callers, innermost first (none for null). */
    public static List<Frame> frames(BytecodePosition position) {
        return FrameChain.of(position).frames();
    }

    /** The frame of the allocation itself, or null without source positions. */
    public Frame origin() {
        return frames.isEmpty() ? null : frames.get(0);
    }

    public String type() {
        return type;
    }

    public AllocationKind kind() {
        return kind;
    }

    public List<Frame> frames() {
        return frames;
    }

    public String guest() {
        return guest;
    }

    /** A key that identifies the site across compilations and runs (type + inlining chain). */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AllocationSite other && key.equals(other.key) && kind == other.kind && frames.equals(other.frames) && Objects.equals(guest, other.guest);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }

    /**
     * {@code Foo.java:42: new Point}, with the inlining chain when the allocation was inlined; in
     * a Truffle compilation with a guest position, {@code app.js:12: new Point (host Foo.java:42,
     * inlined via ...)}.
     */
    public String describe() {
        String what = kind.describe(type);
        if (frames.isEmpty()) {
            return (guest != null ? guest : "(no source position)") + ": " + what;
        }
        String inlined = frames.size() > 1 ? "inlined via " + callChain() : null;
        if (guest != null) {
            return guest + ": " + what + " (host " + origin().location() + (inlined != null ? ", " + inlined : "") + ")";
        }
        return origin().location() + ": " + what + (inlined != null ? " (" + inlined + ")" : "");
    }

    /** The call sites the allocation was inlined through, innermost first. */
    private String callChain() {
        return Frame.join(frames.subList(1, frames.size()), f -> f.simpleClassName() + "." + f.methodName() + " " + f.location());
    }
}
