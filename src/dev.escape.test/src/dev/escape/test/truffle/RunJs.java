package dev.escape.test.truffle;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a JavaScript file with GraalJS and prints the value of its last expression: the guest
 * program of {@code TruffleJitTest}, and README's example of a Truffle language under escape.
 *
 * <pre>
 * ./escape java --report -cp "$(cat build/graaljs-classpath):src/dev.escape.test/target/test-classes" dev.escape.test.truffle.RunJs FILE.js [N]
 * </pre>
 *
 * With {@code N}, the file must define a function {@code iteration()}: it is called {@code N}
 * times after the file ran, and the bytes this thread allocated per call over the second half
 * (the first half warms up) are printed too (compilations run on other threads).
 *
 * <p>
 * The polyglot API is called reflectively: the tests compile without GraalJS (under mx too), which
 * only the child JVM needs on its class path ({@code build/graaljs-classpath}, written by the
 * Maven build from the test module's dependencies {@code org.graalvm.polyglot:polyglot} and
 * {@code js-community}).
 */
public final class RunJs {
    private RunJs() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 && args.length != 2) {
            System.err.println("usage: RunJs FILE.js [ITERATIONS]");
            System.exit(2);
        }
        String source = Files.readString(Path.of(args[0]));
        Class<?> contextClass = Class.forName("org.graalvm.polyglot.Context");
        // Experimental engine options (-Dpolyglot.engine.BackgroundCompilation=false) are allowed.
        Object builder = contextClass.getMethod("newBuilder", String[].class).invoke(null, (Object) new String[]{"js"});
        builder.getClass().getMethod("allowExperimentalOptions", boolean.class).invoke(builder, true);
        Object context = builder.getClass().getMethod("build").invoke(builder);
        try {
            // Named after the file, so that guest positions in escape's report read vec.js:12.
            Class<?> sourceClass = Class.forName("org.graalvm.polyglot.Source");
            Object sourceBuilder = sourceClass.getMethod("newBuilder", String.class, CharSequence.class, String.class).invoke(null, "js", source, Path.of(args[0]).getFileName().toString());
            Object named = sourceBuilder.getClass().getMethod("build").invoke(sourceBuilder);
            Object value = contextClass.getMethod("eval", sourceClass).invoke(context, named);
            System.out.println(value);
            if (args.length == 2) {
                Object bindings = contextClass.getMethod("getBindings", String.class).invoke(context, "js");
                Object iteration = bindings.getClass().getMethod("getMember", String.class).invoke(bindings, "iteration");
                Method execute = iteration.getClass().getMethod("execute", Object[].class);
                int n = Integer.parseInt(args[1]);
                com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
                Object last = null;
                for (int i = 0; i < n / 2; i++) {
                    last = execute.invoke(iteration, (Object) new Object[0]);
                }
                long before = threads.getCurrentThreadAllocatedBytes();
                for (int i = n / 2; i < n; i++) {
                    last = execute.invoke(iteration, (Object) new Object[0]);
                }
                long bytes = threads.getCurrentThreadAllocatedBytes() - before;
                System.out.println(last);
                System.out.printf("bytes per iteration: %.1f%n", (double) bytes / (n - n / 2));
            }
        } finally {
            contextClass.getMethod("close").invoke(context);
        }
    }
}
