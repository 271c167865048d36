package dev.escape.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The JIT configurations that {@code escape java --config=...} can run a program under. */
public enum JitConfig {
    /** Graal with our escape analysis phase in place of Graal's. */
    ESCAPE("escape", "Graal as the JIT, with escape's partial escape analysis (default)"),
    /** As {@link #ESCAPE}, without runtime feedback: every method keeps its first escape decisions. */
    ESCAPE_NOFEEDBACK("escape-nofeedback", "as escape, without runtime feedback (-Djdk.graal.EscapeFeedback=false)"),
    /** Stock Graal (community configuration): the baseline we measure against. */
    GRAAL("graal", "Graal as the JIT, with Graal's own partial escape analysis"),
    GRAAL_NOEA("graal-noea", "Graal as the JIT, without escape analysis"),
    C2("c2", "HotSpot's C2, with its escape analysis"),
    C2_NOEA("c2-noea", "HotSpot's C2, without escape analysis");

    /** JVMCI packages that Graal-side code of ours uses. */
    static final List<String> JVMCI_PACKAGES = List.of("jdk.vm.ci.meta", "jdk.vm.ci.code", "jdk.vm.ci.code.site", "jdk.vm.ci.runtime",
                    "jdk.vm.ci.hotspot", "jdk.vm.ci.common", "jdk.vm.ci.services");

    /** The module of Graal's truffle-compiler jar (required by Graal's own module, so always resolved). */
    static final String TRUFFLE_COMPILER_MODULE = "org.graalvm.truffle.compiler";

    public final String id;
    public final String description;

    JitConfig(String id, String description) {
        this.id = id;
        this.description = description;
    }

    public static JitConfig parse(String id) throws LaunchError {
        for (JitConfig c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        throw new LaunchError("unknown --config '" + id + "'; choose one of " + Arrays.stream(values()).map(c -> c.id).toList());
    }

    public boolean usesGraal() {
        return this == ESCAPE || this == ESCAPE_NOFEEDBACK || this == GRAAL || this == GRAAL_NOEA;
    }

    /** The JVM flags that select this configuration. */
    public List<String> jvmFlags(Distribution dist) throws LaunchError {
        List<String> flags = new ArrayList<>();
        switch (this) {
            case C2 -> flags.add("-XX:+DoEscapeAnalysis");
            case C2_NOEA -> flags.add("-XX:-DoEscapeAnalysis");
            default -> {
                flags.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI", "-XX:+UseJVMCICompiler"));
                flags.add("--upgrade-module-path=" + dist.upgradeModulePath());
            }
        }
        switch (this) {
            case GRAAL -> flags.add("-Djdk.graal.CompilerConfiguration=community");
            case GRAAL_NOEA -> flags.addAll(List.of("-Djdk.graal.CompilerConfiguration=community", "-Djdk.graal.PartialEscapeAnalysis=false"));
            case ESCAPE, ESCAPE_NOFEEDBACK -> {
                // Graal loads compiler configurations only from named modules: ours is an automatic module.
                flags.add("--module-path=" + dist.compilerJar());
                flags.add("--add-modules=" + Distribution.COMPILER_MODULE);
                for (String pkg : dist.graalPackages()) {
                    flags.add("--add-exports=jdk.graal.compiler/" + pkg + "=" + Distribution.COMPILER_MODULE);
                }
                for (String pkg : JVMCI_PACKAGES) {
                    flags.add("--add-exports=jdk.internal.vm.ci/" + pkg + "=" + Distribution.COMPILER_MODULE);
                }
                // Truffle compilations: the call target a compilation id names (TruffleCompilable).
                flags.add("--add-exports=" + TRUFFLE_COMPILER_MODULE + "/com.oracle.truffle.compiler=" + Distribution.COMPILER_MODULE);
                // ...and the suite of partial evaluation's escape analysis slot, a private field (TruffleTierSwitch).
                flags.add("--add-opens=jdk.graal.compiler/jdk.graal.compiler.truffle.phases.inlining=" + Distribution.COMPILER_MODULE);
                flags.add("-Djdk.graal.CompilerConfiguration=escape");
                if (this == ESCAPE_NOFEEDBACK) {
                    flags.add("-Djdk.graal.EscapeFeedback=false");
                }
            }
            default -> {
            }
        }
        return flags;
    }

    /**
     * Flags for library mode: C2 stays the JIT and tests compile single methods with Graal, whose
     * packages are then used from the class path.
     */
    public static List<String> libraryModeFlags(Distribution dist) throws LaunchError {
        List<String> flags = new ArrayList<>(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI"));
        flags.add("--upgrade-module-path=" + dist.upgradeModulePath());
        for (String pkg : dist.graalPackages()) {
            flags.add("--add-exports=jdk.graal.compiler/" + pkg + "=ALL-UNNAMED");
        }
        for (String pkg : JVMCI_PACKAGES) {
            flags.add("--add-exports=jdk.internal.vm.ci/" + pkg + "=ALL-UNNAMED");
        }
        return flags;
    }
}
