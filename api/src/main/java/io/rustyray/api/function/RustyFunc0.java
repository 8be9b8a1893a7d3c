package io.rustyray.api.function;

/** A remote function of 0 argument(s) returning a value. */
@FunctionalInterface
public interface RustyFunc0<R> extends RustyFunc {
  R apply() throws Exception;
}
