package dev.escape.test.corpus;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/** Finds the corpus methods (static methods with {@link Inputs}) and parses their inputs. */
public final class Corpus {
    /** One file per theme; {@link Deopts} is tested apart (DeoptTest). */
    public static final List<Class<?>> THEMES = List.of(Instances.class, FixedArrays.class, Merges.class, Loops.class, Calls.class, Boxing.class, Locks.class,
                    Exceptions.class, Functional.class, Identity.class, Clone.class, Nested.class, Directives.class, Intrinsics.class, Negative.class);

    private Corpus() {
    }

    /** The methods with inputs in {@code classes}, sorted by class then name (reflection has no order). */
    public static List<Method> methods(List<Class<?>> classes) {
        List<Method> result = new ArrayList<>();
        for (Class<?> c : classes) {
            Arrays.stream(c.getDeclaredMethods()).filter(m -> Modifier.isStatic(m.getModifiers()) && m.isAnnotationPresent(Inputs.class))
                            .sorted(Comparator.comparing(Method::getName)).forEach(result::add);
        }
        return result;
    }

    /** {@code Class.method}, the name tests and failure lists use. */
    public static String name(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName();
    }

    /** The argument lists of {@link Inputs}, converted to the parameter types of {@code m}. */
    public static List<Object[]> inputs(Method m) {
        Class<?>[] types = m.getParameterTypes();
        List<Object[]> calls = new ArrayList<>();
        for (String call : m.getAnnotation(Inputs.class).value()) {
            String[] parts = call.isBlank() ? new String[0] : call.split(",");
            if (parts.length != types.length) {
                throw new IllegalArgumentException(name(m) + ": input \"" + call + "\" has " + parts.length + " values for " + types.length + " parameters");
            }
            Object[] args = new Object[types.length];
            for (int i = 0; i < parts.length; i++) {
                args[i] = parse(parts[i].trim(), types[i], m);
            }
            calls.add(args);
        }
        return calls;
    }

    private static Object parse(String text, Class<?> type, Method m) {
        if (type == int.class) {
            return Integer.parseInt(text);
        } else if (type == long.class) {
            return Long.parseLong(text);
        } else if (type == boolean.class) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(name(m) + ": parameters of type " + type + " are not supported");
    }
}
