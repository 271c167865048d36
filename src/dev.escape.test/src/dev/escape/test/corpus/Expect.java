package dev.escape.test.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.escape.decisions.Decision;
import dev.escape.decisions.Materialization.Cause;

/**
 * What escape must decide for one allocation site of a corpus method that has to keep its
 * allocation (on all or on some paths), and why: the cause of its first materialization.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Expect {
    Decision decision();

    Cause cause();

    /** The simple name of the site's type ({@code Box}, {@code int[]}); empty: the method's first site. */
    String site() default "";
}
