package org.jmach.vm.vm;

import org.jmach.hw.Machine;
import org.jmach.hw.PhysicalMemory;

/**
 * The machine's page frames (GNU Mach's {@code vm/vm_resident.c}): the free
 * list and the thresholds the pageout daemon works to. A thread that is not
 * vm-privileged may not take the last {@link #freeReserved} frames: they
 * are kept for the paging path (the default pager touching the data it is
 * given), so that paging never waits for itself.
 *
 * <p>Conditions: the VM lock held for every method.
 */
final class VmResident {

    static final int PAGE = Machine.PAGE_SIZE;

    final PhysicalMemory memory;
    final int frameCount;
    /** Frames only vm-privileged threads may take. */
    final int freeReserved;
    /** Below this many free frames the pageout daemon runs. */
    final int freeMin;
    /** The pageout daemon frees frames until this many are free. */
    final int freeTarget;

    private final int[] free;
    private int freeCount;

    VmResident(PhysicalMemory memory) {
        this.memory = memory;
        this.frameCount = memory.frameCount();
        this.free = new int[frameCount];
        for (int i = 0; i < frameCount; i++) {
            free[i] = frameCount - 1 - i; // frame 0 is handed out first
        }
        this.freeCount = frameCount;
        int step = Math.max(2, frameCount / 32);
        this.freeReserved = Math.min(Math.max(4, frameCount / 64), frameCount / 4);
        this.freeMin = Math.min(freeReserved + step, frameCount / 2);
        this.freeTarget = Math.min(freeMin + step, frameCount / 2 + step / 2);
    }

    int freeCount() {
        return freeCount;
    }

    /**
     * Routine: vm_page_grab. Returns a frame, or -1 if none may be taken
     * (none left, or only reserved ones and {@code privileged} is false).
     */
    int grab(boolean privileged) {
        if (freeCount == 0 || (!privileged && freeCount <= freeReserved)) {
            return -1;
        }
        return free[--freeCount];
    }

    /** Routine: vm_page_release. Purpose: the frame is free again. */
    void release(int frame) {
        free[freeCount++] = frame;
    }

    /** Whether the pageout daemon should run. */
    boolean belowMin() {
        return freeCount < freeMin;
    }

    /** Whether the pageout daemon has freed enough. */
    boolean enough() {
        return freeCount >= freeTarget;
    }

    void zero(int frame) {
        memory.zeroFrame(frame);
    }

    void read(int frame, int inPage, byte[] dst, int offset, int length) {
        memory.read((long) frame * PAGE + inPage, dst, offset, length);
    }

    void write(int frame, int inPage, byte[] src, int offset, int length) {
        memory.write((long) frame * PAGE + inPage, src, offset, length);
    }

    byte[] copyOut(int frame) {
        byte[] data = new byte[PAGE];
        read(frame, 0, data, 0, PAGE);
        return data;
    }

    void copyFrame(int from, int to) {
        write(to, 0, copyOut(from), 0, PAGE);
    }
}
