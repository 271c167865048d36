package dev.escape.test.corpus;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a corpus method where escape must do better than Graal's phase (issue 3, "Beyond Graal"):
 * on these inputs (same format as {@link Inputs}) escape's code allocates less than Graal's, because
 * it materializes only on the paths that need the object.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface BeyondGraal {
    String[] value();
}
