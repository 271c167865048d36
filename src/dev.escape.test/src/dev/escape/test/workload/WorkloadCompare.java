package dev.escape.test.workload;

import java.util.ArrayList;
import java.util.List;

import dev.escape.test.harness.ChildProcess;
import dev.escape.test.harness.ChildProcess.Result;

/**
 * {@code ./escape workload}: runs {@link Workload} under C2 and under the escape configuration
 * (Graal JIT, blocking compiles, a compiler failure stops the VM) and compares their output.
 * Exit code 0 when they agree, 1 when not, 2 on bad arguments.
 */
public final class WorkloadCompare {
    private static final String USAGE = "usage: ./escape workload [--rounds=N] [--config=NAME]   (default 40 rounds, config escape)";

    private WorkloadCompare() {
    }

    /** The child JVM's arguments for running the workload under {@code config}. */
    public static List<String> command(String config, int rounds) {
        List<String> cmd = new ArrayList<>(List.of("java", "--config=" + config));
        if (!config.startsWith("c2")) {
            // compile aggressively, and make any non-bailout compiler failure fatal, not silent
            cmd.addAll(List.of("-Xbatch", "-Djdk.graal.CompilationFailureAction=ExitVM"));
        }
        cmd.addAll(List.of("-cp", ChildProcess.ROOT.resolve("src/dev.escape.test/target/test-classes").toString(), Workload.class.getName(), Integer.toString(rounds)));
        return cmd;
    }

    public static void main(String[] args) {
        int rounds = 40;
        String config = "escape";
        for (String arg : args) {
            if (arg.startsWith("--rounds=") && arg.substring(9).matches("[1-9]\\d{0,5}")) {
                rounds = Integer.parseInt(arg.substring(9));
            } else if (arg.startsWith("--config=") && arg.length() > 9) {
                config = arg.substring(9);
            } else {
                System.err.println("escape workload: bad argument '" + arg + "'\n" + USAGE);
                System.exit(2);
            }
        }
        Result reference = timed("c2", rounds);
        Result tested = timed(config, rounds);
        boolean same = tested.exitCode() == 0 && reference.exitCode() == 0 && tested.stdout().equals(reference.stdout()) && tested.stdout().contains("all rounds agree");
        System.out.print(tested.stdout());
        if (!same) {
            System.out.println("--- c2 gave:\n" + reference + "\n--- " + config + " gave:\n" + tested);
        }
        System.out.println(same ? "same output under c2 and " + config : "DIFFERENT output under c2 and " + config);
        System.exit(same ? 0 : 1);
    }

    private static Result timed(String config, int rounds) {
        long start = System.nanoTime();
        Result r = ChildProcess.escape(command(config, rounds).toArray(String[]::new));
        System.out.printf("%-8s %d rounds: exit %d in %.1f s%n", config, rounds, r.exitCode(), (System.nanoTime() - start) / 1e9);
        return r;
    }
}
