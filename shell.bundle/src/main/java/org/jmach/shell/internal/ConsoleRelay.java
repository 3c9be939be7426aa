package org.jmach.shell.internal;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Carries what native threads print to the console of the command that
 * started them. Gogo's {@code System.out} forwards each Java thread's output
 * to that thread's session, and a native thread's Java thread belongs to no
 * session, so the threads print to {@link #stream()} and the command's own
 * thread copies the bytes, as they come, to its console with
 * {@link #copyTo}.
 *
 * <p>Any number of threads may print; the stream is closed once, when the
 * last of them is done ({@link #close}).
 */
final class ConsoleRelay {

    /** What the writers handed over, in order; {@link #END} after the last. */
    private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
    private static final byte[] END = new byte[0];

    private final PrintStream stream = new PrintStream(new OutputStream() {
        @Override
        public void write(int b) {
            chunks.add(new byte[] {(byte) b});
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > 0) {
                chunks.add(Arrays.copyOfRange(b, off, off + len));
            }
        }
    }, true, StandardCharsets.UTF_8);

    /** The stream the threads print to; autoflushed at each line. */
    PrintStream stream() {
        return stream;
    }

    /** Flushes the stream and marks the end of the output; {@link #copyTo} then returns. */
    void close() {
        stream.flush();
        chunks.add(END);
    }

    /**
     * Copies the output to {@code out} as it comes, until {@link #close} or
     * until {@code deadlineNanos} ({@link System#nanoTime()}) passes.
     *
     * @return true if the output ended, false if the deadline passed first
     * @throws InterruptedException if the calling thread is interrupted while waiting
     */
    boolean copyTo(PrintStream out, long deadlineNanos) throws InterruptedException {
        try {
            while (true) {
                long left = deadlineNanos - System.nanoTime();
                byte[] chunk = left > 0 ? chunks.poll(left, TimeUnit.NANOSECONDS) : chunks.poll();
                if (chunk == null) {
                    return false;
                }
                if (chunk == END) {
                    return true;
                }
                out.write(chunk, 0, chunk.length);
                if (chunk[chunk.length - 1] == '\n' || chunks.isEmpty()) {
                    out.flush();
                }
            }
        } finally {
            out.flush();
        }
    }

    /** Writes what is already there without waiting; for the output of a demo that is given up on. */
    void copyPending(PrintStream out) {
        byte[] chunk;
        while ((chunk = chunks.poll()) != null) {
            if (chunk != END) {
                out.write(chunk, 0, chunk.length);
            }
        }
        out.flush();
    }
}
