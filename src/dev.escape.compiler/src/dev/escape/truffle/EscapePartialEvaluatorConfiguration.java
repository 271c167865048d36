package dev.escape.truffle;

import dev.escape.integration.EscapeCompilerConfigurationFactory;
import jdk.graal.compiler.truffle.PartialEvaluatorConfiguration;

/**
 * The partial-evaluation configuration of the {@code escape} compiler configuration. The Truffle
 * compiler looks one up by the name of the host's compiler configuration
 * ({@code TruffleCompilerImpl.createPartialEvaluatorConfiguration}, over the
 * {@code PartialEvaluatorConfiguration} services) and stops at the first Truffle compilation when
 * there is none. escape changes nothing in partial evaluation itself: Graal's decoding plugins, as
 * for {@code community}.
 */
public final class EscapePartialEvaluatorConfiguration implements PartialEvaluatorConfiguration {
    @Override
    public String name() {
        return EscapeCompilerConfigurationFactory.NAME;
    }
}
