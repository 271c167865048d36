package dev.escape.test.harness;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The observable content of a value, so results of compiled code and of the interpreter can be
 * compared even when they are fresh objects: values and strings as they are, arrays as lists,
 * other objects as their class and fields (recursively; a cycle becomes a back reference).
 */
final class Snapshot {
    private Snapshot() {
    }

    static Object of(Object value) {
        return of(value, new IdentityHashMap<>());
    }

    private static Object of(Object value, IdentityHashMap<Object, Integer> seen) {
        if (value == null || value instanceof Number || value instanceof String || value instanceof Boolean || value instanceof Character || value instanceof Enum) {
            return value;
        }
        if (seen.containsKey(value)) {
            return "<cycle to #" + seen.get(value) + ">";
        }
        seen.put(value, seen.size());
        if (value.getClass().isArray()) {
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                items.add(of(Array.get(value, i), seen));
            }
            return items;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("class", value.getClass().getName());
        for (Class<?> c = value.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (c.getName().startsWith("java.")) {
                fields.put(c.getName(), String.valueOf(value));
                break;
            }
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    try {
                        fields.put(c.getSimpleName() + "." + f.getName(), of(f.get(value), seen));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(e);
                    }
                }
            }
        }
        return fields;
    }
}
