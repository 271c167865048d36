package dev.escape.lang;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Runs an esl program through the polyglot API: {@code main(args...)} ({@code args} as integers,
 * or doubles when they have a '.'), then prints its result.
 *
 * <pre>
 * ./escape java -cp "build/lib/escape-lang.jar:$(cat build/graaljs-classpath)" dev.escape.lang.EslMain FILE.esl [ARGS...]
 * </pre>
 *
 * With {@code -Desl.repeat=N}, {@code main} is called N times (the result of the last call is
 * printed), so that it gets hot enough to be compiled, and the bytes this thread allocated per call
 * over the second half of the calls (the first half warms up) are printed on stderr (Truffle
 * compiles on threads of its own).
 */
public final class EslMain {
    private EslMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: EslMain FILE.esl [ARGS...]");
            System.exit(2);
        }
        Source source = Source.newBuilder(EslLanguage.ID, Path.of(args[0]).toFile()).build();
        Object[] arguments = new Object[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            arguments[i - 1] = args[i].contains(".") ? (Object) Double.parseDouble(args[i]) : (Object) Long.parseLong(args[i]);
        }
        int repeat = Integer.getInteger("esl.repeat", 1);
        try (Context context = Context.newBuilder(EslLanguage.ID).allowExperimentalOptions(true).build()) {
            Value main = context.parse(source);
            Value result = null;
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = 0;
            for (int i = 0; i < repeat; i++) {
                if (i == repeat / 2) {
                    before = threads.getCurrentThreadAllocatedBytes();
                }
                result = main.execute(arguments);
            }
            long bytes = threads.getCurrentThreadAllocatedBytes() - before;
            System.out.println(result);
            if (repeat > 1) {
                System.err.printf("bytes per call: %.1f%n", (double) bytes / (repeat - repeat / 2));
            }
        } catch (PolyglotException e) {
            if (!e.isGuestException()) {
                throw e;
            }
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }
}
