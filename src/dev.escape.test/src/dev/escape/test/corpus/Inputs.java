package dev.escape.test.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The calls a test makes of a corpus method, one string per call with the arguments separated by
 * commas ({@code "3, -4"}), parsed by the method's parameter types (int, long, boolean). Together
 * they must take every path of the method.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Inputs {
    String[] value();
}
