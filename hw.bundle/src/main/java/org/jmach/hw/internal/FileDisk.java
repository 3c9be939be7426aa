package org.jmach.hw.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jmach.hw.Disk;
import org.jmach.hw.DiskCompletion;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The disk hd0, backed by a host file through a {@link FileChannel}: the
 * configuration {@code org.jmach.hw.disk} gives the file and its size. A
 * missing file is made, sparse, at that size; an existing file of that size
 * is kept as it is, so what was written survives a restart (the default
 * pager keeps its paging area here); a file of another size is cut or
 * extended to it.
 *
 * <p>The controller: requests go to a FIFO queue that one Java thread, the
 * controller's, serves in order; it checks the request, does the host I/O
 * and calls the request's completion (the interrupt). {@link #close} stops
 * taking requests (later ones complete with D_DEVICE_DOWN), lets the
 * controller finish those queued, forces the file to the host's disk and
 * closes it.
 *
 * <p>Lifecycle: open from construction to {@link #close}; a new
 * configuration closes this instance and opens a new one on the file.
 */
@Component(service = Disk.class, configurationPid = "org.jmach.hw.disk", immediate = true)
@Designate(ocd = DiskConfig.class)
public final class FileDisk implements Disk {

    /** File name of the default image, under the run directory. */
    static final String DEFAULT_FILE = "jmach-disk.img";

    /** How long a close waits for the queued requests, at most. */
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final Path path;
    private final long records;
    private final FileChannel channel;
    private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
    private final java.lang.Thread controller;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong bytesRead = new AtomicLong();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    /** Set by {@link #close}: requests are no longer queued. Guarded by {@code queue}'s monitor. */
    private boolean closed;

    /** One queued request. */
    private record Request(boolean write, long recnum, byte[] buf, int off, int len, DiskCompletion done) {
    }

    /** The end of the queue, put there by {@link #close}. */
    private static final Request END = new Request(false, 0, null, 0, 0, null);

    @Activate
    public FileDisk(DiskConfig config, BundleContext context) {
        this(config.path() == null || config.path().isBlank() ? defaultPath(context) : Path.of(config.path()),
                checkedSize(config.size_mb()));
    }

    /**
     * A disk of {@code size} bytes (whole records) in the file {@code path},
     * made if missing. Throws UncheckedIOException if the host refuses the file.
     */
    public FileDisk(Path path, long size) {
        if (size < RECORD_SIZE || size % RECORD_SIZE != 0) {
            throw new IllegalArgumentException("org.jmach.hw.disk: the size is " + size
                    + " bytes; it must be a positive multiple of the " + RECORD_SIZE + "-byte record");
        }
        this.path = path.toAbsolutePath();
        this.records = size / RECORD_SIZE;
        try {
            Path parent = this.path.getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            this.channel = FileChannel.open(this.path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long existing = channel.size();
            if (existing > size) {
                channel.truncate(size);
            } else if (existing < size) {
                // One byte at the end: the file is sparse, the rest reads as zeros.
                channel.write(ByteBuffer.allocate(1), size - 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("org.jmach.hw.disk: cannot open " + this.path, e);
        }
        this.controller = new java.lang.Thread(this::serve, "jmach disk " + name());
        controller.setDaemon(true);
        controller.start();
    }

    /** Config Admin's size.mb, checked. */
    private static long checkedSize(int sizeMb) {
        if (sizeMb < 1) {
            throw new IllegalArgumentException("org.jmach.hw.disk: size.mb is " + sizeMb + "; it must be at least 1");
        }
        return sizeMb * 1024L * 1024L;
    }

    /**
     * The default image: {@code jmach-disk.img} in the run directory, so
     * that it survives a restart of jmach: the folder the framework property
     * (or system property) {@code jmach.data} names if set, else Karaf's
     * {@code karaf.data}, else the working directory. (Not the bundle's data
     * area: the embedded launcher's framework storage is made anew at each
     * start.)
     */
    static Path defaultPath(BundleContext context) {
        for (String property : new String[] {"jmach.data", "karaf.data"}) {
            String folder = context == null ? System.getProperty(property) : context.getProperty(property);
            if (folder != null && !folder.isBlank()) {
                return Path.of(folder, DEFAULT_FILE);
            }
        }
        return Path.of(System.getProperty("user.dir"), DEFAULT_FILE);
    }

    @Deactivate
    void deactivate() {
        close();
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public String path() {
        return path.toString();
    }

    @Override
    public void read(long recnum, byte[] buf, int off, int len, DiskCompletion done) {
        submit(new Request(false, recnum, buf, off, len, done));
    }

    @Override
    public void write(long recnum, byte[] buf, int off, int len, DiskCompletion done) {
        submit(new Request(true, recnum, buf, off, len, done));
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
        return bytesRead.get();
    }

    @Override
    public long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    public int pending() {
        return pending.get();
    }

    /** Queues a request; on a closed disk it completes at once with D_DEVICE_DOWN, on a thread of its own. */
    private void submit(Request rq) {
        synchronized (queue) {
            if (!closed) {
                pending.incrementAndGet();
                queue.add(rq);
                return;
            }
        }
        // Never on the caller's thread: a completion must not run inside the caller (it may hold the kernel's locks).
        java.lang.Thread t = new java.lang.Thread(() -> complete(rq, D_DEVICE_DOWN), "jmach disk down");
        t.setDaemon(true);
        t.start();
    }

    /** The controller's loop: each request in order, until the end mark. */
    private void serve() {
        while (true) {
            Request rq;
            try {
                rq = queue.take();
            } catch (InterruptedException e) {
                continue; // only close ends the controller, by its mark
            }
            if (rq == END) {
                return;
            }
            int status = perform(rq);
            // No longer pending once done: the completion may wake someone who looks at the count.
            pending.decrementAndGet();
            complete(rq, status);
        }
    }

    /** Checks and performs one request on the controller's thread; returns its status. */
    private int perform(Request rq) {
        if (rq.recnum < 0 || rq.recnum >= records) {
            return D_INVALID_RECNUM;
        }
        if (rq.buf == null || rq.len < 0 || rq.len % RECORD_SIZE != 0 || rq.off < 0
                || rq.off > rq.buf.length - rq.len || rq.len / RECORD_SIZE > records - rq.recnum) {
            return D_INVALID_SIZE;
        }
        ByteBuffer b = ByteBuffer.wrap(rq.buf, rq.off, rq.len);
        long position = rq.recnum * RECORD_SIZE;
        try {
            while (b.hasRemaining()) {
                int n = rq.write ? channel.write(b, position) : channel.read(b, position);
                if (n < 0) {
                    return D_IO_ERROR; // the file shrank behind the disk's back
                }
                position += n;
            }
        } catch (IOException | RuntimeException e) {
            return D_IO_ERROR;
        }
        (rq.write ? bytesWritten : bytesRead).addAndGet(rq.len);
        return D_SUCCESS;
    }

    /** Counts the request and raises its completion; a failing completion does not stop the controller. */
    private void complete(Request rq, int status) {
        (rq.write ? writes : reads).incrementAndGet();
        if (rq.done == null) {
            return;
        }
        try {
            rq.done.done(status);
        } catch (RuntimeException | Error e) {
            System.err.println("jmach: a completion of " + name() + " failed: " + e);
        }
    }

    /**
     * Closes the disk: no new request is taken, those queued are served,
     * then the file is forced to the host's disk and closed. Waits for the
     * controller at most {@value #CLOSE_WAIT_SECONDS} seconds. Idempotent.
     */
    public void close() {
        synchronized (queue) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(END);
        }
        try {
            controller.join(TimeUnit.SECONDS.toMillis(CLOSE_WAIT_SECONDS));
        } catch (InterruptedException e) {
            java.lang.Thread.currentThread().interrupt();
        }
        try {
            if (!controller.isAlive()) {
                channel.force(true);
            }
            channel.close();
        } catch (IOException e) {
            System.err.println("jmach: closing " + path + ": " + e);
        }
    }

    @Override
    public String toString() {
        return String.format("disk %s: %d records of %d bytes in %s", name(), records, RECORD_SIZE, path);
    }
}
