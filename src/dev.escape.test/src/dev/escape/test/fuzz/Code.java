package dev.escape.test.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated Java source as a tree, so the shrinker can delete statements and simplify expressions
 * without parsing Java. A node is a template whose {@code #} holes are filled by its children.
 */
public sealed interface Code {

    void render(StringBuilder out, String indent);

    List<Code> kids();

    /** The same node with other children (same count and kinds). */
    Code with(List<Code> kids);

    default String render() {
        StringBuilder out = new StringBuilder();
        render(out, "");
        return out.toString();
    }

    /** Statements (or class members) in braces, one a line. */
    record Block(List<Code> kids) implements Code {
        @Override
        public void render(StringBuilder out, String indent) {
            out.append("{\n");
            for (Code statement : kids) {
                out.append(indent).append("    ");
                statement.render(out, indent + "    ");
                out.append('\n');
            }
            out.append(indent).append('}');
        }

        @Override
        public Code with(List<Code> newKids) {
            return new Block(List.copyOf(newKids));
        }
    }

    /**
     * A statement or class member. {@code pinned} ones are never deleted by the shrinker (the
     * state the oracle resets and reads).
     */
    record Stmt(String template, List<Code> kids, boolean pinned) implements Code {
        public Stmt(String template, Code... kids) {
            this(template, List.of(kids), false);
        }

        @Override
        public void render(StringBuilder out, String indent) {
            fill(template, kids, out, indent);
        }

        @Override
        public Code with(List<Code> newKids) {
            return new Stmt(template, List.copyOf(newKids), pinned);
        }
    }

    /** An expression of a Java type ({@code int}, {@code P}, ...). */
    record Expr(String type, String template, List<Code> kids) implements Code {
        public Expr(String type, String template, Code... kids) {
            this(type, template, List.of(kids));
        }

        @Override
        public void render(StringBuilder out, String indent) {
            fill(template, kids, out, indent);
        }

        @Override
        public Code with(List<Code> newKids) {
            return new Expr(type, template, List.copyOf(newKids));
        }
    }

    private static void fill(String template, List<Code> kids, StringBuilder out, String indent) {
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char ch = template.charAt(i);
            if (ch == '#') {
                kids.get(next++).render(out, indent);
            } else {
                out.append(ch);
                if (ch == '\n') {
                    out.append(indent);
                }
            }
        }
        if (next != kids.size()) {
            throw new IllegalStateException(kids.size() + " children for " + next + " holes in " + template);
        }
    }

    /** {@code root} with the node {@code target} (by identity) replaced by {@code replacement}. */
    static Code replace(Code root, Code target, Code replacement) {
        if (root == target) {
            return replacement;
        }
        List<Code> kids = root.kids();
        List<Code> changed = new ArrayList<>(kids.size());
        boolean any = false;
        for (Code kid : kids) {
            Code c = replace(kid, target, replacement);
            any |= c != kid;
            changed.add(c);
        }
        return any ? root.with(changed) : root;
    }

    /** Every node of the tree, parents first. */
    static List<Code> nodes(Code root) {
        List<Code> all = new ArrayList<>();
        collect(root, all);
        return all;
    }

    private static void collect(Code node, List<Code> all) {
        all.add(node);
        for (Code kid : node.kids()) {
            collect(kid, all);
        }
    }

    /** How big a tree is, for the shrinker's progress. */
    static int size(Code root) {
        return nodes(root).size();
    }
}
