package dev.escape.lang;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.TruffleLanguage;

import dev.escape.lang.nodes.ProgramRootNode;

/**
 * esl, escape's small guest language. A source is a list of struct and function declarations;
 * evaluating it calls its {@code main} function, and {@code Context.parse} gives a value whose
 * {@code execute(args...)} calls {@code main(args...)}. See {@link Parser} for the syntax.
 */
@TruffleLanguage.Registration(id = EslLanguage.ID, name = "esl", version = "0.1", characterMimeTypes = EslLanguage.MIME_TYPE, defaultMimeType = EslLanguage.MIME_TYPE)
public final class EslLanguage extends TruffleLanguage<EslLanguage.Context> {
    public static final String ID = "esl";
    public static final String MIME_TYPE = "application/x-esl";

    /** esl keeps no state per context: every source is a program of its own. */
    public static final class Context {
    }

    @Override
    protected Context createContext(Env env) {
        return new Context();
    }

    @Override
    protected CallTarget parse(ParsingRequest request) {
        Parser.Program program = new Parser(this, request.getSource()).parseProgram();
        return new ProgramRootNode(this, program.main()).getCallTarget();
    }
}
