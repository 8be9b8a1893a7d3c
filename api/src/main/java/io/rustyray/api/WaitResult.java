package io.rustyray.api;

import java.util.List;

/**
 * What {@link Rusty#wait(List, int, java.time.Duration)} found.
 *
 * @param ready references whose value or failure is known, in the order they were given
 * @param unready the other references, in the order they were given
 * @param <T> the type of the values
 */
public record WaitResult<T>(List<ObjectRef<T>> ready, List<ObjectRef<T>> unready) {}
