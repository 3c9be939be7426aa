package org.jmach.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;

/**
 * The pipe baseline: two OS processes passing a byte back and forth over a
 * pair of pipes. This process starts {@link PipeEcho} as its child (which
 * inherits its CPU affinity, so {@code taskset -c 0} on this one pins both),
 * writes a byte, reads it back, and prints the mean nanoseconds per round
 * trip on stdout, nothing else.
 *
 * <p>Arguments: warm-up seconds, measurement seconds (defaults 2 and 5).
 */
public final class PipePingPong {

    private PipePingPong() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        double warmupSeconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        double measureSeconds = args.length > 1 ? Double.parseDouble(args[1]) : 5;
        Process child = new ProcessBuilder(Java.command(PipeEcho.class))
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        double ns;
        try (OutputStream out = child.getOutputStream(); InputStream in = child.getInputStream()) {
            roundTrips(out, in, (long) (warmupSeconds * 1e9));
            long[] counted = roundTrips(out, in, (long) (measureSeconds * 1e9));
            ns = (double) counted[1] / counted[0];
        }
        if (child.waitFor() != 0) {
            throw new IOException("PipeEcho exited with status " + child.exitValue());
        }
        System.out.println(String.format(Locale.ROOT, "%.1f", ns));
    }

    /** Round trips for about {@code nanos}; returns {round trips, elapsed ns}. */
    private static long[] roundTrips(OutputStream out, InputStream in, long nanos) throws IOException {
        long start = System.nanoTime();
        long n = 0;
        long elapsed;
        do {
            for (int i = 0; i < 64; i++) {
                out.write(i);
                out.flush();
                if (in.read() != i) {
                    throw new IOException("PipeEcho did not echo byte " + i);
                }
            }
            n += 64;
            elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        return new long[] {n, elapsed};
    }
}
