package dev.escape.lang;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.oracle.truffle.api.frame.FrameDescriptor;
import com.oracle.truffle.api.frame.FrameSlotKind;
import com.oracle.truffle.api.source.Source;

import dev.escape.lang.nodes.Call;
import dev.escape.lang.nodes.Control;
import dev.escape.lang.nodes.EslNode;
import dev.escape.lang.nodes.FunctionRootNode;
import dev.escape.lang.nodes.Literals;
import dev.escape.lang.nodes.Locals;
import dev.escape.lang.nodes.Objects;
import dev.escape.lang.nodes.Operators;

/**
 * esl's lexer and recursive-descent parser, straight to Truffle nodes.
 *
 * <pre>
 * program   := (struct | function)*
 * struct    := 'struct' NAME '(' [NAME (',' NAME)*] ')' ';'
 * function  := 'fn' NAME '(' [NAME (',' NAME)*] ')' block
 * block     := '{' statement* '}'
 * statement := 'var' NAME '=' expr ';' | NAME '=' expr ';' | postfix '.' NAME '=' expr ';'
 *            | 'if' '(' expr ')' body ['else' body] | 'while' '(' expr ')' body
 *            | 'return' [expr] ';' | block | expr ';'
 * expr      := or;  or := and ('||' and)*;  and := equality ('&&' equality)*
 * equality  := compare (('==' | '!=') compare)*;  compare := sum (('<' | '<=' | '>' | '>=') sum)*
 * sum       := product (('+' | '-') product)*;  product := unary (('*' | '/' | '%') unary)*
 * unary     := ('-' | '!') unary | postfix;  postfix := primary ('.' NAME)*
 * primary   := INTEGER | DOUBLE | 'true' | 'false' | NAME | NAME '(' args ')'
 *            | 'new' NAME '(' args ')' | '(' expr ')'
 * </pre>
 *
 * Integers are 64-bit ({@code Long}, overflow is an error), doubles have a '.'. A local is
 * visible from its {@code var} to the end of its block and may not be declared again while
 * visible; functions and structs may be used before they are declared. {@code //} starts a
 * comment.
 */
public final class Parser {
    /** A parsed program: its functions (call targets made) and the one named {@code main}. */
    public record Program(Map<String, EslFunction> functions, EslFunction main) {
    }

    private enum Kind { NAME, INTEGER, DOUBLE, SYMBOL, END }

    private record Token(Kind kind, String text, int line) {
    }

    private final EslLanguage language;
    private final String sourceName;
    private final List<Token> tokens;
    private int pos;
    private final Map<String, EslFunction> functions = new LinkedHashMap<>();
    private final Map<String, EslStruct> structs = new HashMap<>();

    // The function being parsed: the frame slots of the locals in scope, and per open block the
    // names it declared (they go out of scope, and their slots are cleared, when it ends).
    private Map<String, Integer> locals;
    private List<List<String>> scopes;
    private FrameDescriptor.Builder frame;

    public Parser(EslLanguage language, Source source) {
        this.language = language;
        this.sourceName = source.getName();
        this.tokens = lex(source.getCharacters().toString());
    }

    public Program parseProgram() {
        declareAll();
        while (peek().kind != Kind.END) {
            if (accept("struct")) {
                skipStruct();
            } else if (accept("fn")) {
                FunctionRootNode root = function();
                functions.get(root.getName()).setTarget(root.getCallTarget());
            } else {
                throw error(peek(), "expected 'fn' or 'struct', found '" + peek().text + "'");
            }
        }
        EslFunction main = functions.get("main");
        if (main == null) {
            throw EslException.syntax(sourceName, peek().line, "no function main");
        }
        return new Program(Map.copyOf(functions), main);
    }

    // ------------------------------------------------------------------ declarations

    /** First pass: every struct and every function's name and arity, so uses may come first. */
    private void declareAll() {
        int depth = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            if (t.kind == Kind.SYMBOL && t.text.equals("{")) {
                depth++;
            } else if (t.kind == Kind.SYMBOL && t.text.equals("}")) {
                depth--;
            } else if (depth == 0 && t.kind == Kind.NAME && (t.text.equals("fn") || t.text.equals("struct"))) {
                pos = i + 1;
                Token name = expectName();
                List<String> names = nameList();
                if (t.text.equals("fn")) {
                    if (functions.put(name.text, new EslFunction(name.text, names.size())) != null) {
                        throw error(name, "function " + name.text + " is declared twice");
                    }
                } else {
                    if (structs.put(name.text, new EslStruct(name.text, names)) != null) {
                        throw error(name, "struct " + name.text + " is declared twice");
                    }
                }
                i = pos - 1;
            }
        }
        pos = 0;
    }

    private List<String> nameList() {
        expect("(");
        List<String> names = new ArrayList<>();
        if (!accept(")")) {
            do {
                Token n = expectName();
                if (names.contains(n.text)) {
                    throw error(n, "'" + n.text + "' is named twice");
                }
                names.add(n.text);
            } while (accept(","));
            expect(")");
        }
        return names;
    }

    private void skipStruct() {
        expectName();
        nameList();
        expect(";");
    }

    private FunctionRootNode function() {
        Token name = expectName();
        locals = new HashMap<>();
        scopes = new ArrayList<>();
        frame = FrameDescriptor.newBuilder();
        List<String> parameters = nameList();
        for (String parameter : parameters) {
            locals.put(parameter, frame.addSlot(FrameSlotKind.Object, parameter, null));
        }
        EslNode body = block(false);
        return new FunctionRootNode(language, frame.build(), name.text, parameters.size(), body);
    }

    // ------------------------------------------------------------------ statements

    /**
     * A block. A local lives from its {@code var} to the end of its block; then its slot is cleared
     * (unless the block is a function's body, whose frame ends anyway), so that the frame does not
     * keep the last object a loop body made alive into the next iteration.
     */
    private EslNode block(boolean clear) {
        expect("{");
        List<String> declared = new ArrayList<>();
        scopes.add(declared);
        List<EslNode> statements = new ArrayList<>();
        while (!accept("}")) {
            if (peek().kind == Kind.END) {
                throw error(peek(), "missing '}'");
            }
            statements.add(statement());
        }
        scopes.remove(scopes.size() - 1);
        int[] slots = new int[clear ? declared.size() : 0];
        for (int i = 0; i < declared.size(); i++) {
            int slot = locals.remove(declared.get(i));
            if (clear) {
                slots[i] = slot;
            }
        }
        return new Control.Block(statements.toArray(EslNode[]::new), slots);
    }

    private EslNode statement() {
        Token t = peek();
        if (accept("var")) {
            Token name = expectName();
            if (locals.containsKey(name.text)) {
                throw error(name, "variable " + name.text + " is declared twice");
            }
            expect("=");
            EslNode value = expression();
            expect(";");
            int slot = frame.addSlot(FrameSlotKind.Object, name.text, null);
            locals.put(name.text, slot);
            scopes.get(scopes.size() - 1).add(name.text);
            return new Locals.Write(slot, value);
        }
        if (accept("if")) {
            expect("(");
            EslNode condition = expression();
            expect(")");
            EslNode then = body();
            EslNode otherwise = accept("else") ? body() : null;
            return new Control.If(condition, then, otherwise);
        }
        if (accept("while")) {
            expect("(");
            EslNode condition = expression();
            expect(")");
            return new Control.While(condition, body());
        }
        if (accept("return")) {
            EslNode value = accept(";") ? null : expression();
            if (value != null) {
                expect(";");
            }
            return new Control.Return(value);
        }
        if (isSymbol(t, "{")) {
            return block(true);
        }
        // An assignment's target is parsed as an expression and then taken apart.
        int start = pos;
        if (t.kind == Kind.NAME && isSymbol(peekAt(1), "=") && !isKeyword(t.text)) {
            pos += 2;
            Integer slot = locals.get(t.text);
            if (slot == null) {
                throw error(t, "undefined variable " + t.text + " (declare it with var)");
            }
            EslNode value = expression();
            expect(";");
            return new Locals.Write(slot, value);
        }
        FieldTarget f = postfixTarget();
        if (f != null && accept("=")) {
            EslNode value = expression();
            expect(";");
            return new Objects.Write(f.field, f.object, value);
        }
        pos = start;
        EslNode e = expression();
        expect(";");
        return e;
    }

    /** {@code object.field} before an '='. */
    private record FieldTarget(EslNode object, String field) {
    }

    /** Parses {@code postfix '.' NAME} if that is what comes; null (and no tokens taken) otherwise. */
    private FieldTarget postfixTarget() {
        int start = pos;
        try {
            EslNode object = primary();
            String field = null;
            while (accept(".")) {
                if (field != null) {
                    object = new Objects.Read(field, object);
                }
                field = expectName().text;
            }
            if (field != null && isSymbol(peek(), "=")) {
                return new FieldTarget(object, field);
            }
        } catch (EslException e) {
            // not an assignment target; parsed again as an expression
        }
        pos = start;
        return null;
    }

    private EslNode body() {
        return isSymbol(peek(), "{") ? block(true) : statement();
    }

    // ------------------------------------------------------------------ expressions

    private EslNode expression() {
        EslNode left = and();
        while (accept("||")) {
            left = new Operators.ShortCircuit(false, left, and());
        }
        return left;
    }

    private EslNode and() {
        EslNode left = equality();
        while (accept("&&")) {
            left = new Operators.ShortCircuit(true, left, equality());
        }
        return left;
    }

    private EslNode equality() {
        EslNode left = compare();
        while (true) {
            if (accept("==")) {
                left = new Operators.Equal(left, compare(), false);
            } else if (accept("!=")) {
                left = new Operators.Equal(left, compare(), true);
            } else {
                return left;
            }
        }
    }

    private EslNode compare() {
        EslNode left = sum();
        while (true) {
            if (accept("<")) {
                left = new Operators.Less(left, sum());
            } else if (accept("<=")) {
                left = new Operators.LessEqual(left, sum());
            } else if (accept(">")) {
                left = new Operators.Greater(left, sum());
            } else if (accept(">=")) {
                left = new Operators.GreaterEqual(left, sum());
            } else {
                return left;
            }
        }
    }

    private EslNode sum() {
        EslNode left = product();
        while (true) {
            if (accept("+")) {
                left = new Operators.Add(left, product());
            } else if (accept("-")) {
                left = new Operators.Sub(left, product());
            } else {
                return left;
            }
        }
    }

    private EslNode product() {
        EslNode left = unary();
        while (true) {
            if (accept("*")) {
                left = new Operators.Mul(left, unary());
            } else if (accept("/")) {
                left = new Operators.Div(left, unary());
            } else if (accept("%")) {
                left = new Operators.Rem(left, unary());
            } else {
                return left;
            }
        }
    }

    private EslNode unary() {
        if (accept("-")) {
            return new Operators.Negate(unary());
        }
        if (accept("!")) {
            return new Operators.Not(unary());
        }
        EslNode e = primary();
        while (accept(".")) {
            e = new Objects.Read(expectName().text, e);
        }
        return e;
    }

    private EslNode primary() {
        Token t = next();
        switch (t.kind) {
            case INTEGER:
                try {
                    return new Literals.Constant(Long.parseLong(t.text));
                } catch (NumberFormatException e) {
                    throw error(t, "integer " + t.text + " is too large");
                }
            case DOUBLE:
                return new Literals.Constant(Double.parseDouble(t.text));
            case SYMBOL:
                if (t.text.equals("(")) {
                    EslNode e = expression();
                    expect(")");
                    return e;
                }
                throw error(t, "expected an expression, found '" + t.text + "'");
            case END:
                throw error(t, "unexpected end of source");
            default:
                break;
        }
        switch (t.text) {
            case "true":
                return new Literals.Constant(Boolean.TRUE);
            case "false":
                return new Literals.Constant(Boolean.FALSE);
            case "new": {
                Token name = expectName();
                EslStruct type = structs.get(name.text);
                if (type == null) {
                    throw error(name, "undefined struct " + name.text);
                }
                EslNode[] values = arguments();
                if (values.length != type.size()) {
                    throw error(name, "struct " + name.text + " has " + type.size() + " fields, got " + values.length + " values");
                }
                return new Objects.New(type, values);
            }
            default:
                break;
        }
        if (isKeyword(t.text)) {
            throw error(t, "expected an expression, found '" + t.text + "'");
        }
        if (isSymbol(peek(), "(")) {
            EslFunction f = functions.get(t.text);
            if (f == null) {
                throw error(t, "undefined function " + t.text);
            }
            EslNode[] args = arguments();
            if (args.length != f.arity()) {
                throw error(t, "function " + t.text + " takes " + f.arity() + " arguments, got " + args.length);
            }
            return new Call(f, args);
        }
        Integer slot = locals.get(t.text);
        if (slot == null) {
            throw error(t, "undefined variable " + t.text);
        }
        return new Locals.Read(slot, t.text);
    }

    private EslNode[] arguments() {
        expect("(");
        List<EslNode> args = new ArrayList<>();
        if (!accept(")")) {
            do {
                args.add(expression());
            } while (accept(","));
            expect(")");
        }
        return args.toArray(EslNode[]::new);
    }

    // ------------------------------------------------------------------ tokens

    private static boolean isKeyword(String s) {
        return switch (s) {
            case "fn", "struct", "var", "if", "else", "while", "return", "new", "true", "false" -> true;
            default -> false;
        };
    }

    private static boolean isSymbol(Token t, String s) {
        return t.kind == Kind.SYMBOL && t.text.equals(s);
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind != Kind.END) {
            pos++;
        }
        return t;
    }

    private boolean accept(String text) {
        Token t = peek();
        if ((t.kind == Kind.SYMBOL || t.kind == Kind.NAME) && t.text.equals(text)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String text) {
        if (!accept(text)) {
            Token t = peek();
            throw error(t, "expected '" + text + "', found " + (t.kind == Kind.END ? "the end of the source" : "'" + t.text + "'"));
        }
    }

    private Token expectName() {
        Token t = next();
        if (t.kind != Kind.NAME || isKeyword(t.text)) {
            throw error(t, "expected a name, found " + (t.kind == Kind.END ? "the end of the source" : "'" + t.text + "'"));
        }
        return t;
    }

    private EslException error(Token t, String message) {
        return EslException.syntax(sourceName, t.line, message);
    }

    private List<Token> lex(String s) {
        List<Token> out = new ArrayList<>();
        int line = 1;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                while (i < s.length() && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (Character.isDigit(c)) {
                int start = i;
                while (i < s.length() && Character.isDigit(s.charAt(i))) {
                    i++;
                }
                boolean isDouble = i + 1 < s.length() && s.charAt(i) == '.' && Character.isDigit(s.charAt(i + 1));
                if (isDouble) {
                    i++;
                    while (i < s.length() && Character.isDigit(s.charAt(i))) {
                        i++;
                    }
                }
                out.add(new Token(isDouble ? Kind.DOUBLE : Kind.INTEGER, s.substring(start, i), line));
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                    i++;
                }
                out.add(new Token(Kind.NAME, s.substring(start, i), line));
            } else {
                String two = i + 1 < s.length() ? s.substring(i, i + 2) : "";
                if (two.equals("==") || two.equals("!=") || two.equals("<=") || two.equals(">=") || two.equals("&&") || two.equals("||")) {
                    out.add(new Token(Kind.SYMBOL, two, line));
                    i += 2;
                } else if ("+-*/%<>=!(){},;.".indexOf(c) >= 0) {
                    out.add(new Token(Kind.SYMBOL, String.valueOf(c), line));
                    i++;
                } else {
                    throw EslException.syntax(sourceName, line, "unexpected character '" + c + "'");
                }
            }
        }
        out.add(new Token(Kind.END, "", line));
        return out;
    }
}
