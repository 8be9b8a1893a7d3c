package io.rustyray.api.function;

/** A remote function of 3 argument(s) returning a value. */
@FunctionalInterface
public interface RustyFunc3<T0, T1, T2, R> extends RustyFunc {
  R apply(T0 t0, T1 t1, T2 t2) throws Exception;
}
