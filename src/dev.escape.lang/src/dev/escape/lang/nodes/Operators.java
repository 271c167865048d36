package dev.escape.lang.nodes;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;

import dev.escape.lang.EslException;

/**
 * Arithmetic, comparisons and logic. A binary operator specializes itself by hand on the operand
 * types it has seen (integers, doubles, other values), one state bit each: compiled code has only
 * the seen cases, and an unseen one goes back to the interpreter, which adds its bit. Results are
 * new boxes ({@code Long}, {@code Double}, {@code Boolean}).
 */
public final class Operators {
    private Operators() {
    }

    public abstract static class Binary extends EslNode {
        private static final int LONGS = 1;
        private static final int DOUBLES = 2;
        private static final int OTHERS = 4;

        private final String symbol;
        @Child private EslNode left;
        @Child private EslNode right;
        @CompilationFinal private int state;

        protected Binary(String symbol, EslNode left, EslNode right) {
            this.symbol = symbol;
            this.left = left;
            this.right = right;
        }

        @Override
        public final Object execute(VirtualFrame frame) {
            Object l = left.execute(frame);
            Object r = right.execute(frame);
            if ((state & LONGS) != 0 && l instanceof Long a && r instanceof Long b) {
                return longs(a, b);
            }
            if ((state & DOUBLES) != 0 && isNumber(l) && isNumber(r) && !(l instanceof Long && r instanceof Long)) {
                return doubles(toDouble(l), toDouble(r));
            }
            if ((state & OTHERS) != 0 && !(isNumber(l) && isNumber(r))) {
                return others(l, r);
            }
            CompilerDirectives.transferToInterpreterAndInvalidate();
            if (l instanceof Long a && r instanceof Long b) {
                state |= LONGS;
                return longs(a, b);
            }
            if (isNumber(l) && isNumber(r)) {
                state |= DOUBLES;
                return doubles(toDouble(l), toDouble(r));
            }
            state |= OTHERS;
            return others(l, r);
        }

        private static boolean isNumber(Object value) {
            return value instanceof Long || value instanceof Double;
        }

        private static double toDouble(Object value) {
            return value instanceof Long l ? (double) l : (Double) value;
        }

        protected abstract Object longs(long a, long b);

        protected abstract Object doubles(double a, double b);

        /** Operands that are not both numbers: a type error, except for equality. */
        protected Object others(Object a, Object b) {
            CompilerDirectives.transferToInterpreter();
            throw EslException.error(this, "cannot apply " + symbol + " to " + Values.describe(a) + " and " + Values.describe(b));
        }

        protected final EslException overflow() {
            CompilerDirectives.transferToInterpreter();
            return EslException.error(this, "integer overflow in " + symbol);
        }
    }

    public static final class Add extends Binary {
        public Add(EslNode left, EslNode right) {
            super("+", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            try {
                return Math.addExact(a, b);
            } catch (ArithmeticException e) {
                throw overflow();
            }
        }

        @Override
        protected Object doubles(double a, double b) {
            return a + b;
        }
    }

    public static final class Sub extends Binary {
        public Sub(EslNode left, EslNode right) {
            super("-", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            try {
                return Math.subtractExact(a, b);
            } catch (ArithmeticException e) {
                throw overflow();
            }
        }

        @Override
        protected Object doubles(double a, double b) {
            return a - b;
        }
    }

    public static final class Mul extends Binary {
        public Mul(EslNode left, EslNode right) {
            super("*", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            try {
                return Math.multiplyExact(a, b);
            } catch (ArithmeticException e) {
                throw overflow();
            }
        }

        @Override
        protected Object doubles(double a, double b) {
            return a * b;
        }
    }

    /** Integer division truncates; dividing an integer by zero is an error, a double gives infinity. */
    public static final class Div extends Binary {
        public Div(EslNode left, EslNode right) {
            super("/", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            if (b == 0) {
                CompilerDirectives.transferToInterpreter();
                throw EslException.error(this, "division by zero");
            }
            if (a == Long.MIN_VALUE && b == -1) {
                throw overflow();
            }
            return a / b;
        }

        @Override
        protected Object doubles(double a, double b) {
            return a / b;
        }
    }

    public static final class Rem extends Binary {
        public Rem(EslNode left, EslNode right) {
            super("%", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            if (b == 0) {
                CompilerDirectives.transferToInterpreter();
                throw EslException.error(this, "division by zero");
            }
            return b == -1 ? 0L : a % b;
        }

        @Override
        protected Object doubles(double a, double b) {
            return a % b;
        }
    }

    public static final class Less extends Binary {
        public Less(EslNode left, EslNode right) {
            super("<", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            return a < b;
        }

        @Override
        protected Object doubles(double a, double b) {
            return a < b;
        }
    }

    public static final class LessEqual extends Binary {
        public LessEqual(EslNode left, EslNode right) {
            super("<=", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            return a <= b;
        }

        @Override
        protected Object doubles(double a, double b) {
            return a <= b;
        }
    }

    public static final class Greater extends Binary {
        public Greater(EslNode left, EslNode right) {
            super(">", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            return a > b;
        }

        @Override
        protected Object doubles(double a, double b) {
            return a > b;
        }
    }

    public static final class GreaterEqual extends Binary {
        public GreaterEqual(EslNode left, EslNode right) {
            super(">=", left, right);
        }

        @Override
        protected Object longs(long a, long b) {
            return a >= b;
        }

        @Override
        protected Object doubles(double a, double b) {
            return a >= b;
        }
    }

    /** {@code ==} (or {@code !=} when negated): numbers by value, booleans by value, objects by identity. */
    public static final class Equal extends Binary {
        private final boolean negated;

        public Equal(EslNode left, EslNode right, boolean negated) {
            super(negated ? "!=" : "==", left, right);
            this.negated = negated;
        }

        @Override
        protected Object longs(long a, long b) {
            return (a == b) != negated;
        }

        @Override
        protected Object doubles(double a, double b) {
            return (a == b) != negated;
        }

        @Override
        protected Object others(Object a, Object b) {
            boolean same = a instanceof Boolean x && b instanceof Boolean y ? x.booleanValue() == y.booleanValue() : a == b;
            return same != negated;
        }
    }

    public static final class Negate extends EslNode {
        @Child private EslNode operand;

        public Negate(EslNode operand) {
            this.operand = operand;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            Object value = operand.execute(frame);
            if (value instanceof Long l) {
                if (l == Long.MIN_VALUE) {
                    CompilerDirectives.transferToInterpreter();
                    throw EslException.error(this, "integer overflow in -");
                }
                return -l;
            }
            if (value instanceof Double d) {
                return -d;
            }
            CompilerDirectives.transferToInterpreter();
            throw EslException.error(this, "cannot negate " + Values.describe(value));
        }
    }

    public static final class Not extends EslNode {
        @Child private EslNode operand;

        public Not(EslNode operand) {
            this.operand = operand;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            return !operand.executeCondition(frame);
        }
    }

    /** {@code &&} ({@code and}) and {@code ||}: the right operand runs only when it decides. */
    public static final class ShortCircuit extends EslNode {
        private final boolean and;
        @Child private EslNode left;
        @Child private EslNode right;

        public ShortCircuit(boolean and, EslNode left, EslNode right) {
            this.and = and;
            this.left = left;
            this.right = right;
        }

        @Override
        public Object execute(VirtualFrame frame) {
            boolean l = left.executeCondition(frame);
            if (l != and) {
                return l;
            }
            return right.executeCondition(frame);
        }
    }
}
