package io.rustyray.api.function;

/** A remote function of 2 argument(s) returning a value. */
@FunctionalInterface
public interface RustyFunc2<T0, T1, R> extends RustyFunc {
  R apply(T0 t0, T1 t1) throws Exception;
}
