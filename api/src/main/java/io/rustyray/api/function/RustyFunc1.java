package io.rustyray.api.function;

/** A remote function of 1 argument(s) returning a value. */
@FunctionalInterface
public interface RustyFunc1<T0, R> extends RustyFunc {
  R apply(T0 t0) throws Exception;
}
