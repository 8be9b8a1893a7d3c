package io.rustyray.api.function;

/** A remote function of 0 argument(s) returning nothing. */
@FunctionalInterface
public interface RustyFuncVoid0 extends RustyFunc {
  void apply() throws Exception;
}
