package dev.escape.test.harness;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.escape.test.corpus.Inputs;

/** The corpus methods that declare their calls ({@link Inputs}), and those calls as arguments. */
public final class CorpusInputs {
    private CorpusInputs() {
    }

    /** The corpus methods with {@link Inputs}, in the order of {@link CorpusMethods#all()}. */
    public static List<Method> methods() {
        return CorpusMethods.all().stream().filter(m -> m.isAnnotationPresent(Inputs.class)).toList();
    }

    /** The argument lists of {@link Inputs}, converted to the parameter types of {@code m}. */
    public static List<Object[]> of(Method m) {
        return parse(m, m.getAnnotation(Inputs.class).value());
    }

    /** Argument lists written as in {@link Inputs}, converted to the parameter types of {@code m}. */
    public static List<Object[]> parse(Method m, String[] written) {
        Class<?>[] types = m.getParameterTypes();
        List<Object[]> calls = new ArrayList<>();
        for (String call : written) {
            String[] parts = call.isBlank() ? new String[0] : call.split(",");
            if (parts.length != types.length) {
                throw new IllegalArgumentException(CorpusMethods.name(m) + ": input \"" + call + "\" has " + parts.length + " values for " + types.length + " parameters");
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
        throw new IllegalArgumentException(CorpusMethods.name(m) + ": parameters of type " + type + " are not supported");
    }
}
