package org.jmach.hw.riscv;

import java.util.HashMap;
import java.util.Map;

/** An address space for tests: pages with protections, counting the hart's questions. */
final class TestMmu implements Mmu {

    private final Map<Long, byte[]> frames = new HashMap<>();
    private final Map<Long, Integer> protections = new HashMap<>();
    int translations;
    long lastVpn = -1;
    int lastAccess;

    /** Maps the pages covering [va, va + length) with {@code prot} (READ|WRITE|EXECUTE), zero-filled. */
    TestMmu map(long va, long length, int prot) {
        for (long vpn = va >>> 12; vpn <= (va + length - 1) >>> 12; vpn++) {
            frames.computeIfAbsent(vpn, k -> new byte[4096]);
            protections.put(vpn, prot);
        }
        return this;
    }

    /** Puts a new zero-filled frame behind the page of {@code va}. */
    void replaceFrame(long va) {
        frames.put(va >>> 12, new byte[4096]);
    }

    void protect(long va, int prot) {
        protections.put(va >>> 12, prot);
    }

    void write(long va, byte[] bytes) {
        for (int k = 0; k < bytes.length; k++) {
            frames.get((va + k) >>> 12)[(int) ((va + k) & 4095)] = bytes[k];
        }
    }

    byte readByte(long va) {
        return frames.get(va >>> 12)[(int) (va & 4095)];
    }

    long read(long va, int size) {
        long v = 0;
        for (int k = 0; k < size; k++) {
            v |= (readByte(va + k) & 0xffL) << (8 * k);
        }
        return v;
    }

    void writeLong(long va, long v, int size) {
        for (int k = 0; k < size; k++) {
            frames.get((va + k) >>> 12)[(int) ((va + k) & 4095)] = (byte) (v >>> (8 * k));
        }
    }

    @Override
    public byte[] translate(long vpn, int access) {
        translations++;
        lastVpn = vpn;
        lastAccess = access;
        Integer prot = protections.get(vpn);
        if (prot == null || (prot & access) == 0) {
            return null;
        }
        return frames.get(vpn);
    }
}
