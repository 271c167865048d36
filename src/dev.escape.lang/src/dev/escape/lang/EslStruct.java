package dev.escape.lang;

import java.util.List;

/** A struct type ({@code struct Vec(x, y);}): its name and field names, fixed when parsed. */
public final class EslStruct {
    private final String name;
    private final List<String> fields;

    public EslStruct(String name, List<String> fields) {
        this.name = name;
        this.fields = List.copyOf(fields);
    }

    public String name() {
        return name;
    }

    public int size() {
        return fields.size();
    }

    /** The index of {@code field}, or -1. */
    public int indexOf(String field) {
        return fields.indexOf(field);
    }

    public String field(int index) {
        return fields.get(index);
    }
}
