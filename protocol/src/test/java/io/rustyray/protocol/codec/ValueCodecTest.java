package io.rustyray.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
  record Point(int x, int y) {}

  @Test
  void recordsAndCollectionsRoundTripIntoTheReadersType() {
    Map<String, List<Point>> value = Map.of("line", List.of(new Point(1, 2), new Point(3, 4)));

    byte[] bytes = ValueCodec.encode(value);
    Map<String, List<Point>> back =
        ValueCodec.decode(bytes, new TypeReference<Map<String, List<Point>>>() {}.getType());

    assertThat(back).isEqualTo(value);
  }

  @Test
  void bytesAreCborNotJavaSerialization() {
    byte[] bytes = ValueCodec.encode(List.of(1, 2));

    // CBOR: an array of two small integers; Java serialization would start with 0xACED.
    assertThat(bytes).containsExactly(0x82, 0x01, 0x02);
  }

  @Test
  void byteArraysOfEverySizeClassAreTheCborJacksonWritesAndReadsBack() throws Exception {
    var jackson = new com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper();
    for (int size : new int[] {0, 1, 23, 24, 255, 256, 65_535, 65_536, 3_000_000}) {
      byte[] value = new byte[size];
      new java.util.Random(size).nextBytes(value);

      byte[] ours = ValueCodec.encode(value);

      assertThat(ours).as("size %d", size).isEqualTo(jackson.writeValueAsBytes(value));
      assertThat((byte[]) ValueCodec.decode(ours, byte[].class)).isEqualTo(value);
      assertThat(jackson.readValue(ours, byte[].class)).isEqualTo(value);
    }
  }

  @Test
  void valueWithoutPropertiesCannotBeSerializedAndSaysWhy() {
    assertThatThrownBy(() -> ValueCodec.encode(new Object()))
        .isInstanceOf(ValueCodec.ValueCodecException.class)
        .hasMessageContaining("a value of type java.lang.Object cannot be serialized");
  }

  @Test
  void objectRefInsideAValueIsRefusedWhereNoRuntimeCarriesIt() {
    io.rustyray.api.ObjectRef<Integer> ref =
        new io.rustyray.api.ObjectRef<>() {
          public Integer get() {
            return 1;
          }

          public Integer get(java.time.Duration timeout) {
            return 1;
          }

          public String getId() {
            return "x";
          }

          public boolean isReady() {
            return true;
          }
        };

    assertThatThrownBy(() -> ValueCodec.encode(List.of(ref)))
        .isInstanceOf(ValueCodec.ValueCodecException.class)
        .hasMessageContaining("an ObjectRef inside a value needs the runtime that made it");
  }

  @Test
  void valueOfTheWrongTypeIsRefusedWithTheTypeItWasReadAs() {
    byte[] text = ValueCodec.encode("three");

    assertThatThrownBy(() -> ValueCodec.decode(text, int.class))
        .isInstanceOf(ValueCodec.ValueCodecException.class)
        .hasMessageContaining("cannot read the value as int");
  }
}
