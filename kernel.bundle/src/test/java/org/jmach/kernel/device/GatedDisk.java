package org.jmach.kernel.device;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jmach.hw.Disk;
import org.jmach.hw.DiskCompletion;
import org.jmach.hw.internal.FileDisk;

/**
 * The hw bundle's disk with a gate in front, for kernel tests: while the
 * gate is held ({@link #hold}) requests wait at it, in order, so that a
 * test sees a transfer wait in the disk while the kernel goes on; letting
 * go ({@link #release}) passes them to the disk.
 */
final class GatedDisk implements Disk {

    private final FileDisk disk;
    /** Requests waiting at the gate, or null while it is open. Guarded by this. */
    private List<Runnable> held;

    GatedDisk(Path file, int records) {
        this.disk = new FileDisk(file, (long) records * RECORD_SIZE);
    }

    /** From now on requests wait at the gate. */
    synchronized void hold() {
        if (held == null) {
            held = new ArrayList<>();
        }
    }

    /** The requests that waited go to the disk, and the gate stays open. */
    synchronized void release() {
        List<Runnable> waiting = held;
        held = null;
        if (waiting != null) {
            waiting.forEach(Runnable::run);
        }
    }

    void close() {
        release();
        disk.close();
    }

    private synchronized void pass(Runnable request) {
        if (held != null) {
            held.add(request);
        } else {
            request.run();
        }
    }

    @Override
    public void read(long recnum, byte[] buf, int off, int len, DiskCompletion done) {
        pass(() -> disk.read(recnum, buf, off, len, done));
    }

    @Override
    public void write(long recnum, byte[] buf, int off, int len, DiskCompletion done) {
        pass(() -> disk.write(recnum, buf, off, len, done));
    }

    @Override
    public synchronized int pending() {
        return disk.pending() + (held == null ? 0 : held.size());
    }

    @Override
    public long records() {
        return disk.records();
    }

    @Override
    public String path() {
        return disk.path();
    }

    @Override
    public long reads() {
        return disk.reads();
    }

    @Override
    public long writes() {
        return disk.writes();
    }

    @Override
    public long bytesRead() {
        return disk.bytesRead();
    }

    @Override
    public long bytesWritten() {
        return disk.bytesWritten();
    }
}
