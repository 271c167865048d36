package dev.escape.lang;

import java.util.Collection;
import java.util.List;

import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.provider.TruffleLanguageProvider;

/**
 * Registers esl with the polyglot engine, written by hand instead of by Truffle's annotation
 * processor: the engine finds this class as a {@code TruffleLanguageProvider} service
 * ({@code META-INF/services}) and reads the language's id and name from the
 * {@code @Registration} on this class.
 */
@TruffleLanguage.Registration(id = EslLanguage.ID, name = "esl", version = "0.1", characterMimeTypes = EslLanguage.MIME_TYPE, defaultMimeType = EslLanguage.MIME_TYPE)
public final class EslLanguageProvider extends TruffleLanguageProvider {
    public EslLanguageProvider() {
    }

    @Override
    protected String getLanguageClassName() {
        return EslLanguage.class.getName();
    }

    @Override
    protected Object create() {
        return new EslLanguage();
    }

    @Override
    protected Collection<String> getServicesClassNames() {
        return List.of();
    }

    @Override
    protected List<?> createFileTypeDetectors() {
        return List.of();
    }
}
