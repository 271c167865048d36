package dev.escape.lang;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

/**
 * An instance of a struct: the guest's small object. Its field values are boxed ({@code Long},
 * {@code Double}, {@code Boolean} or another object) in an array of the struct's size, so one
 * {@code new Vec(x, y)} is three or more host allocations for escape analysis to remove.
 */
public final class EslObject {
    private final EslStruct type;
    private final Object[] values;

    public EslObject(EslStruct type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    public EslStruct type() {
        return type;
    }

    public Object get(int index) {
        return values[index];
    }

    public void set(int index, Object value) {
        values[index] = value;
    }

    @Override
    @TruffleBoundary
    public String toString() {
        StringBuilder s = new StringBuilder(type.name()).append('(');
        for (int i = 0; i < values.length; i++) {
            s.append(i == 0 ? "" : ", ").append(type.field(i)).append(": ").append(values[i]);
        }
        return s.append(')').toString();
    }
}
