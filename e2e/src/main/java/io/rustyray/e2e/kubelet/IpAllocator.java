package io.rustyray.e2e.kubelet;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Hands out pod IPs from a loopback range (every 127.0.0.0/8 address is bound to lo on Linux, so a
 * process can listen on any of them without setup). Addresses go round the range instead of being
 * reused at once, so that a replaced pod gets a new IP as on a real cluster; addresses ending in .0
 * or .255 and 127.0.0.1 (the control plane's) are skipped.
 */
public final class IpAllocator {
  private final long first;
  private final long size;
  private final Map<String, String> byPod = new HashMap<>();
  private final Set<String> used = new HashSet<>();
  private long next;

  /**
   * @param cidr a range inside 127.0.0.0/8, such as 127.1.0.0/16
   */
  public IpAllocator(String cidr) {
    long[] range = parseCidr(cidr);
    this.first = range[0];
    this.size = range[1];
  }

  /**
   * @param cidr a range inside 127.0.0.0/8
   * @return its first address (as a number) and its size
   */
  static long[] parseCidr(String cidr) {
    String[] parts = cidr.split("/");
    if (parts.length != 2) {
      throw new IllegalArgumentException("pod CIDR must look like 127.1.0.0/16: " + cidr);
    }
    long base = toLong(parts[0]);
    int bits = Integer.parseInt(parts[1]);
    if (bits < 8 || bits > 30 || (base >>> 24) != 127) {
      throw new IllegalArgumentException("pod CIDR must be inside 127.0.0.0/8, /8../30: " + cidr);
    }
    long size = 1L << (32 - bits);
    return new long[] {base & ~(size - 1), size};
  }

  static long toLong(String ip) {
    String[] o = ip.split("\\.");
    if (o.length != 4) {
      throw new IllegalArgumentException("not an IPv4 address: " + ip);
    }
    long v = 0;
    for (String s : o) {
      int n = Integer.parseInt(s);
      if (n < 0 || n > 255) {
        throw new IllegalArgumentException("not an IPv4 address: " + ip);
      }
      v = (v << 8) | n;
    }
    return v;
  }

  static String toIp(long v) {
    return ((v >>> 24) & 255)
        + "."
        + ((v >>> 16) & 255)
        + "."
        + ((v >>> 8) & 255)
        + "."
        + (v & 255);
  }

  /**
   * @param ip an address
   * @return whether it lies in this allocator's range
   */
  public boolean contains(String ip) {
    try {
      long v = toLong(ip);
      return v >= first && v < first + size;
    } catch (RuntimeException e) {
      return false;
    }
  }

  /**
   * @param podUid a pod's uid
   * @param wanted the IP it had before (after a kubelet restart), or null
   * @return the pod's IP: the same one for the same pod until {@link #release}
   */
  public synchronized String assign(String podUid, String wanted) {
    String have = byPod.get(podUid);
    if (have != null) {
      return have;
    }
    if (wanted != null && contains(wanted) && !used.contains(wanted)) {
      return take(podUid, wanted);
    }
    for (long i = 0; i < size; i++) {
      long candidate = first + (next++ % size);
      long last = candidate & 255;
      String ip = toIp(candidate);
      if (last == 0 || last == 255 || ip.equals("127.0.0.1") || used.contains(ip)) {
        continue;
      }
      return take(podUid, ip);
    }
    throw new IllegalStateException("no free pod IP left in the range");
  }

  private String take(String podUid, String ip) {
    byPod.put(podUid, ip);
    used.add(ip);
    return ip;
  }

  /**
   * @param podUid a pod's uid whose IP is free again
   */
  public synchronized void release(String podUid) {
    String ip = byPod.remove(podUid);
    if (ip != null) {
      used.remove(ip);
    }
  }
}
