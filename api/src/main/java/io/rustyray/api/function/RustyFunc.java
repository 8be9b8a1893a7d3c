package io.rustyray.api.function;

import java.io.Serializable;

/**
 * A method reference that can run remotely. It is {@link Serializable} only so that the SDK can
 * read which class and method it names (through {@link java.lang.invoke.SerializedLambda}); the
 * reference itself never travels over the wire.
 */
public interface RustyFunc extends Serializable {}
