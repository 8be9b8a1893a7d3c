package io.rustyray.local.examples;

import io.rustyray.api.Checkpointable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A durable guestbook whose state is a generic collection: visits by day. */
public class Guestbook implements Checkpointable<Map<String, List<Guestbook.Visit>>> {
  /** One guest's stay. */
  public record Visit(String guest, int room) {}

  private final Map<String, List<Visit>> visitsByDay = new LinkedHashMap<>();

  public int sign(String day, String guest, int room) {
    List<Visit> visits = visitsByDay.computeIfAbsent(day, d -> new ArrayList<>());
    visits.add(new Visit(guest, room));
    return visits.size();
  }

  /** Reads the visits as {@link Visit}s, which fails if they came back as anything else. */
  public List<String> guestsOn(String day) {
    return visitsByDay.getOrDefault(day, List.of()).stream().map(Visit::guest).toList();
  }

  @Override
  public Map<String, List<Visit>> saveCheckpoint() {
    Map<String, List<Visit>> copy = new LinkedHashMap<>();
    visitsByDay.forEach((day, visits) -> copy.put(day, List.copyOf(visits)));
    return copy;
  }

  @Override
  public void loadCheckpoint(Map<String, List<Visit>> checkpoint) {
    checkpoint.forEach((day, visits) -> visitsByDay.put(day, new ArrayList<>(visits)));
  }
}
