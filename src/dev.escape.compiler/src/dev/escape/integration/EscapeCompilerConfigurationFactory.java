package dev.escape.integration;

import jdk.graal.compiler.core.Instrumentation;
import jdk.graal.compiler.hotspot.CommunityCompilerConfigurationFactory;
import jdk.graal.compiler.hotspot.CompilerConfigurationFactory;
import jdk.graal.compiler.hotspot.DefaultInstrumentation;
import jdk.graal.compiler.options.OptionValues;
import jdk.graal.compiler.phases.tiers.CompilerConfiguration;

/**
 * Makes the {@code escape} configuration selectable with
 * {@code -Djdk.graal.CompilerConfiguration=escape} (a {@code META-INF/services} entry).
 */
public final class EscapeCompilerConfigurationFactory extends CompilerConfigurationFactory {
    public static final String NAME = "escape";

    /**
     * Below community (3) so Graal never picks escape on its own; unique, as Graal requires
     * (economy is 1, truffle 4).
     */
    static final int AUTO_SELECTION_PRIORITY = 2;

    public EscapeCompilerConfigurationFactory() {
        super(NAME, "escape: partial escape analysis that explains its decisions", AUTO_SELECTION_PRIORITY);
    }

    @Override
    public CompilerConfiguration createCompilerConfiguration() {
        return new EscapeCompilerConfiguration();
    }

    @Override
    public Instrumentation createInstrumentation(OptionValues options) {
        return new DefaultInstrumentation();
    }

    /** The back ends are Graal's community ones. */
    @Override
    public BackendMap createBackendMap() {
        return new DefaultBackendMap(CommunityCompilerConfigurationFactory.NAME);
    }
}
