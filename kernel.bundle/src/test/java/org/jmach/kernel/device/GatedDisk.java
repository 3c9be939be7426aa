package org.jmach.kernel.device;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jmach.hw.Disk;
import org.jmach.hw.DiskCompletion;

/**
 * A disk for kernel tests: records in host memory, served in order by a
 * controller thread of its own, which may be held ({@link #hold}) so that a
 * test sees a request wait in the disk while the kernel goes on, and then
 * let go ({@link #release}).
 */
final class GatedDisk implements Disk {

    final byte[] store;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
    private final Semaphore gate = new Semaphore(Integer.MAX_VALUE);
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final java.lang.Thread controller;

    GatedDisk(int records) {
        this.store = new byte[records * RECORD_SIZE];
        controller = new java.lang.Thread(() -> {
            try {
                while (true) {
                    Runnable r = queue.take();
                    gate.acquire();
                    r.run();
                    pending.decrementAndGet();
                }
            } catch (InterruptedException e) {
                // closed
            }
        }, "test disk");
        controller.setDaemon(true);
        controller.start();
    }

    /** From now on requests wait in the disk. */
    void hold() {
        gate.drainPermits();
    }

    /** Requests are served again. */
    void release() {
        gate.release(Integer.MAX_VALUE - gate.availablePermits());
    }

    void close() {
        controller.interrupt();
    }

    @Override
    public long records() {
        return store.length / RECORD_SIZE;
    }

    @Override
    public String path() {
        return "memory";
    }

    @Override
    public void read(long recnum, byte[] buf, int off, int len, DiskCompletion done) {
        submit(() -> {
            reads.incrementAndGet();
            if (recnum < 0 || recnum >= records() || len % RECORD_SIZE != 0 || recnum * RECORD_SIZE + len > store.length) {
                done.done(D_INVALID_SIZE);
                return;
            }
            System.arraycopy(store, (int) recnum * RECORD_SIZE, buf, off, len);
            done.done(D_SUCCESS);
        });
    }

    @Override
    public void write(long recnum, byte[] buf, int off, int len, DiskCompletion done) {
        submit(() -> {
            writes.incrementAndGet();
            if (recnum < 0 || recnum >= records() || len % RECORD_SIZE != 0 || recnum * RECORD_SIZE + len > store.length) {
                done.done(D_INVALID_SIZE);
                return;
            }
            System.arraycopy(buf, off, store, (int) recnum * RECORD_SIZE, len);
            done.done(D_SUCCESS);
        });
    }

    private void submit(Runnable r) {
        pending.incrementAndGet();
        queue.add(r);
    }

    @Override
    public long reads() {
        return reads.get();
    }

    @Override
    public long writes() {
        return writes.get();
    }

    @Override
    public long bytesRead() {
        return 0;
    }

    @Override
    public long bytesWritten() {
        return 0;
    }

    @Override
    public int pending() {
        return pending.get();
    }
}
