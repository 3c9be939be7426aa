package org.jmach.kernel.vm;

import org.jmach.vm.spi.MapCopy;
import org.jmach.vm.spi.VmThread;

/** A copy for tests: its bytes (null: a page is not at hand, read gives null) and whether it was discarded. */
public final class FakeMapCopy implements MapCopy {

    private final byte[] bytes;
    private final long size;
    public boolean discarded;
    public VmThread readBy;

    public FakeMapCopy(byte[] bytes, long size) {
        this.bytes = bytes;
        this.size = size;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public void discard() {
        if (discarded) {
            throw new AssertionError("discarded twice");
        }
        discarded = true;
    }

    @Override
    public byte[] read(VmThread thread) {
        if (discarded) {
            throw new AssertionError("read after discard");
        }
        readBy = thread;
        return bytes;
    }
}
