package dev.escape.decisions;

import java.util.List;
import java.util.stream.Collectors;

import jdk.graal.compiler.graph.NodeSourcePosition;
import jdk.vm.ci.code.BytecodePosition;

/**
 * Where an allocation comes from: the {@code new} in the source, and the chain of call sites
 * through which it was inlined into the compiled method.
 *
 * @param type the allocated type as Java source writes it ({@code int[]}, {@code java.lang.Integer})
 * @param kind which bytecode or intrinsic made it
 * @param frames innermost first: {@code frames.get(0)} holds the allocation itself; empty when the
 *            graph did not track source positions
 */
public record AllocationSite(String type, AllocationKind kind, List<Frame> frames) {

    public static AllocationSite of(String type, AllocationKind kind, NodeSourcePosition position) {
        return new AllocationSite(type, kind, frames(position));
    }

    public static List<Frame> frames(BytecodePosition position) {
        List<Frame> frames = new java.util.ArrayList<>();
        for (BytecodePosition p = position; p != null; p = p.getCaller()) {
            frames.add(Frame.of(p.getMethod(), p.getBCI()));
        }
        return List.copyOf(frames);
    }

    /** The frame of the allocation itself, or null without source positions. */
    public Frame origin() {
        return frames.isEmpty() ? null : frames.get(0);
    }

    /** A key that identifies the site across compilations and runs (type + inlining chain). */
    public String key() {
        return type + " at " + frames.stream().map(Frame::key).collect(Collectors.joining(" <- "));
    }

    /** {@code Foo.java:42: new Point}, with the inlining chain when the allocation was inlined. */
    public String describe() {
        String what = kind.describe(type);
        if (frames.isEmpty()) {
            return "(no source position): " + what;
        }
        StringBuilder sb = new StringBuilder(origin().location()).append(": ").append(what);
        if (frames.size() > 1) {
            sb.append(" (inlined via ");
            sb.append(frames.subList(1, frames.size()).stream().map(f -> f.simpleClassName() + "." + f.methodName() + " " + f.location())
                            .collect(Collectors.joining(" <- ")));
            sb.append(')');
        }
        return sb.toString();
    }
}
