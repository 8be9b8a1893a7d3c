package io.rustyray.local.examples;

import io.rustyray.api.Checkpointable;
import java.util.ArrayList;
import java.util.List;

/** Durable notes, whose state grows with every note: for checkpoints over the size limit. */
public class Notes implements Checkpointable<List<String>> {
  private final List<String> notes = new ArrayList<>();

  public int add(String note) {
    notes.add(note);
    return notes.size();
  }

  public int removeLast() {
    notes.remove(notes.size() - 1);
    return notes.size();
  }

  public List<String> all() {
    return List.copyOf(notes);
  }

  @Override
  public List<String> saveCheckpoint() {
    return List.copyOf(notes);
  }

  @Override
  public void loadCheckpoint(List<String> checkpoint) {
    notes.addAll(checkpoint);
  }
}
