package io.rustyray.protocol.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rustyray.api.Checkpointable;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A durable actor's state through the call codec, read back into the type its class declares. */
class CheckpointCodecTest {
  record Entry(String who, int amount) {}

  static class Ledger implements Checkpointable<List<Entry>> {
    List<Entry> entries = new ArrayList<>();

    @Override
    public List<Entry> saveCheckpoint() {
      return List.copyOf(entries);
    }

    @Override
    public void loadCheckpoint(List<Entry> checkpoint) {
      entries = new ArrayList<>(checkpoint);
    }
  }

  static class Plain {}

  @Test
  void aGenericStateComesBackAsTheDeclaredElementType() throws Exception {
    Ledger saved = new Ledger();
    saved.entries.add(new Entry("ada", 3));
    byte[] bytes = new CheckpointCodec(saved, "actor-1", 1024).take();

    Ledger restored = new Ledger();
    new CheckpointCodec(restored, "actor-1", 1024).restore(bytes);

    assertThat(restored.entries).containsExactly(new Entry("ada", 3));
  }

  @Test
  void aStateOverTheLimitIsRefusedWithItsSizeAndTheLimit() {
    Ledger big = new Ledger();
    for (int i = 0; i < 100; i++) {
      big.entries.add(new Entry("someone with a long name " + i, i));
    }

    assertThatThrownBy(() -> new CheckpointCodec(big, "actor-1", 256).take())
        .isInstanceOf(CheckpointTooLarge.class)
        .hasMessageContaining("over the limit of 256 bytes")
        .hasMessageContaining("the last checkpoint that fit stays");
  }

  @Test
  void bytesThatDoNotReadAsTheStateTypeNameIt() throws Exception {
    byte[] notAList = io.rustyray.protocol.codec.ValueCodec.encode("a string");

    assertThatThrownBy(() -> new CheckpointCodec(new Ledger(), "actor-1", 1024).restore(notAList))
        .isInstanceOf(CheckpointCodec.LoadFailed.class)
        .hasMessageContaining("does not read as java.util.List<" + Entry.class.getName() + ">");
  }

  @Test
  void aClassThatIsNotCheckpointableIsRefusedWithWhatToDo() {
    assertThatThrownBy(() -> new CheckpointCodec(new Plain(), "actor-1", 1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not implement io.rustyray.api.Checkpointable");
  }
}
