package dev.escape.decisions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import jdk.vm.ci.code.BytecodePosition;

/**
 * The frames of a bytecode position and its callers (innermost first), built once per position and
 * compiler thread. Truffle's partial evaluation gives every allocation and every use a chain of
 * hundreds of frames whose outer part they share, and censuses, decisions and reports ask for the
 * chains of the same positions again and again: built anew each time (a JVMCI lookup per frame and
 * a hash over every frame's key), they took more of escape's phase on terser than the analysis.
 * A chain links to its callers' chain, so a position costs one frame and one step of the hash; the
 * list of frames is made only for the positions asked for. The keys are held weakly: what the graphs
 * of finished compilations named goes with them.
 */
final class FrameChain {
    private static final FrameChain EMPTY = new FrameChain(null, null);
    private static final ThreadLocal<Map<BytecodePosition, FrameChain>> KNOWN = ThreadLocal.withInitial(WeakHashMap::new);

    private final Frame frame;
    private final FrameChain callers;
    private final int size;
    private final long hash;
    private List<Frame> frames;
    private String key;

    private FrameChain(Frame frame, FrameChain callers) {
        this.frame = frame;
        this.callers = callers;
        this.size = callers == null ? 0 : callers.size + 1;
        this.hash = callers == null ? Frame.CHAIN_HASH_SEED : Frame.chainHash(callers.hash, frame);
    }

    static FrameChain of(BytecodePosition position) {
        if (position == null) {
            return EMPTY;
        }
        Map<BytecodePosition, FrameChain> known = KNOWN.get();
        FrameChain found = known.get(position);
        if (found != null) {
            return found;
        }
        // The positions up to the first known caller, built outermost first (no recursion: chains are deep).
        List<BytecodePosition> missing = new ArrayList<>();
        FrameChain chain = EMPTY;
        for (BytecodePosition p = position; p != null; p = p.getCaller()) {
            FrameChain k = known.get(p);
            if (k != null) {
                chain = k;
                break;
            }
            missing.add(p);
        }
        for (int i = missing.size() - 1; i >= 0; i--) {
            BytecodePosition p = missing.get(i);
            chain = new FrameChain(Frame.of(p.getMethod(), p.getBCI()), chain);
            known.put(p, chain);
        }
        return chain;
    }

    List<Frame> frames() {
        if (frames == null) {
            List<Frame> list = new ArrayList<>(size);
            for (FrameChain c = this; c.size > 0; c = c.callers) {
                list.add(c.frame);
            }
            frames = List.copyOf(list);
        }
        return frames;
    }

    /** {@link Frame#chainKey}, with the hash already known. */
    String key() {
        if (key == null) {
            key = Frame.chainKey(frames(), hash);
        }
        return key;
    }
}
