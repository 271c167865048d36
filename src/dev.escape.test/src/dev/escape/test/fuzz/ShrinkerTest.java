package dev.escape.test.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.escape.test.fuzz.Code.Block;
import dev.escape.test.fuzz.Code.Stmt;

/**
 * The shrinker on a real generated program with a property that needs running it (the method
 * leaves something in the sink): the result must still have the property, be valid Java, and be
 * much smaller than the original.
 */
class ShrinkerTest {

    /** True if {@code unit} compiles and its method {@code name} leaves the sink non-null for (1, 2, 3). */
    private static boolean leavesSink(Code unit, String name) {
        try {
            Class<?> owner = InMemoryJavac.load(Fuzzer.CLASS, unit.render());
            Method m = owner.getDeclaredMethod(name, int.class, int.class, int.class);
            m.setAccessible(true);
            try {
                m.invoke(null, 1, 2, 3);
            } catch (InvocationTargetException e) {
                // an exception is fine: the sink may have been set before it
            }
            var sink = owner.getDeclaredField(Prelude.SINK);
            sink.setAccessible(true);
            return sink.get(null) != null;
        } catch (InMemoryJavac.CompileError | NoSuchMethodException e) {
            return false;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shrinksToASmallProgramWithTheSameProperty() {
        long seed = 1;
        while (!leavesSink(Fuzzer.unit(List.of(Generator.method(seed))), Generator.methodName(seed))) {
            seed++;
        }
        String name = Generator.methodName(seed);
        Code original = Fuzzer.unit(List.of(Generator.method(seed)));
        Code shrunk = new Shrinker(c -> leavesSink(c, name), 150).shrink(original);

        assertTrue(leavesSink(shrunk, name), shrunk::render);
        assertTrue(Code.size(shrunk) * 3 < Code.size(original), () -> Code.size(original) + " -> " + Code.size(shrunk) + " nodes:\n" + shrunk.render());
        Block members = (Block) shrunk.kids().get(0);
        Stmt method = (Stmt) members.kids().get(members.kids().size() - 1);
        int statements = ((Block) method.kids().get(0)).kids().size();
        assertTrue(statements <= 4, shrunk::render);
    }
}
