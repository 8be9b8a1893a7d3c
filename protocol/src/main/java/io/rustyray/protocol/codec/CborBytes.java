package io.rustyray.protocol.codec;

import java.util.Arrays;

/**
 * Byte arrays, the bulk of large objects, written and read as a CBOR byte string (major type 2,
 * definite length) with a single copy, instead of through Jackson's buffers. The bytes are the same
 * as Jackson writes, so any CBOR reader can read them.
 */
final class CborBytes {
  private static final int BYTE_STRING = 0x40;

  private CborBytes() {}

  static byte[] encode(byte[] value) {
    int header = headerLength(value.length);
    byte[] out = new byte[header + value.length];
    long n = value.length;
    if (header == 1) {
      out[0] = (byte) (BYTE_STRING | n);
    } else {
      int extra = header - 1;
      out[0] = (byte) (BYTE_STRING | (extra == 1 ? 24 : extra == 2 ? 25 : extra == 4 ? 26 : 27));
      for (int i = 0; i < extra; i++) {
        out[header - 1 - i] = (byte) (n >>> (8 * i));
      }
    }
    System.arraycopy(value, 0, out, header, value.length);
    return out;
  }

  /** Whether {@code data} is exactly one definite-length CBOR byte string. */
  static boolean isByteString(byte[] data) {
    if (data.length == 0 || (data[0] & 0xE0) != BYTE_STRING) {
      return false;
    }
    int info = data[0] & 0x1F;
    if (info > 27) {
      return false;
    }
    long length = length(data);
    return length >= 0 && headerLength(length) + length == data.length;
  }

  static byte[] decode(byte[] data) {
    long length = length(data);
    int header = headerLength(length);
    return Arrays.copyOfRange(data, header, header + (int) length);
  }

  private static long length(byte[] data) {
    int info = data[0] & 0x1F;
    if (info < 24) {
      return info;
    }
    int extra = info == 24 ? 1 : info == 25 ? 2 : info == 26 ? 4 : 8;
    if (data.length < 1 + extra) {
      return -1;
    }
    long n = 0;
    for (int i = 1; i <= extra; i++) {
      n = (n << 8) | (data[i] & 0xFF);
    }
    // Jackson writes the shortest header; anything else is left to Jackson to read.
    return headerLength(n) == 1 + extra ? n : -1;
  }

  private static int headerLength(long n) {
    if (n < 24) {
      return 1;
    }
    if (n < 0x100) {
      return 2;
    }
    if (n < 0x10000) {
      return 3;
    }
    if (n < 0x100000000L) {
      return 5;
    }
    return 9;
  }
}
