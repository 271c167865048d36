package dev.escape.test.fuzz;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Random;

/** The local variables visible where the generator is, block by block. Names are never reused. */
final class Scope {
    /** A local: {@code mutable} ones may be assigned (parameters and loop counters may not). */
    record Var(String name, String type, boolean mutable) {
    }

    private final Deque<List<Var>> blocks = new ArrayDeque<>();
    private int names;

    Scope() {
        blocks.push(new ArrayList<>());
    }

    void enter() {
        blocks.push(new ArrayList<>());
    }

    void exit() {
        blocks.pop();
    }

    String fresh(String prefix) {
        return prefix + names++;
    }

    Var declare(String prefix, String type, boolean mutable) {
        Var v = new Var(fresh(prefix), type, mutable);
        blocks.peek().add(v);
        return v;
    }

    void add(Var v) {
        blocks.peek().add(v);
    }

    /** Visible variables whose values can be used where {@code type} is expected. */
    List<Var> usable(String type) {
        List<Var> found = new ArrayList<>();
        for (List<Var> block : blocks) {
            for (Var v : block) {
                if (assignable(v.type, type)) {
                    found.add(v);
                }
            }
        }
        return found;
    }

    /** Visible mutable variables of exactly {@code type}. */
    List<Var> assignable(String type) {
        return usable(type).stream().filter(v -> v.mutable && v.type.equals(type)).toList();
    }

    /** Variables of the outermost block (the ones the method's result hashes). */
    List<Var> outermost() {
        return blocks.peekLast();
    }

    Var pick(Random r, List<Var> vars) {
        return vars.isEmpty() ? null : vars.get(r.nextInt(vars.size()));
    }

    static boolean isReference(String type) {
        return !type.equals("int") && !type.equals("long") && !type.equals("boolean");
    }

    static boolean assignable(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (to.equals("Object")) {
            return isReference(from);
        }
        return to.equals("Base") && (from.equals("P") || from.equals("Q"));
    }
}
