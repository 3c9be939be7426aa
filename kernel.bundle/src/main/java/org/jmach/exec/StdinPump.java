package org.jmach.exec;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_CHAR;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.concurrent.Semaphore;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachNativeTasks;

/**
 * The bare personality's terminal line: brings the runner's input stream
 * to a program as messages, so that a program's {@code read} waits in
 * {@code mach_msg} (with a continuation: no Java thread, no processor)
 * rather than in a host call.
 *
 * <p>One host thread, outside Mach as a device's controller is, reads
 * the stream only when the program asks ({@link #request}): a chunk read,
 * it makes a short-lived thread in the runner task that sends the chunk
 * to the program's input port ({@link #STDIN_DATA_ID}: an INTEGER_32
 * count, 0 at end of file or -EIO, then the bytes as CHAR). Nothing is
 * read that no program asked for, so a console's next line stays the
 * console's.
 */
final class StdinPump {

    /** The message id of a chunk of input (a private protocol between the runner and its program). */
    static final int STDIN_DATA_ID = 0x6a6d_6964;
    /** The most bytes one message carries. */
    static final int CHUNK = 4096;
    /** A receive buffer that holds any chunk message, with room for a trailer. */
    static final int MESSAGE_MAX = 24 + 8 + 4 + 8 + CHUNK + 64;

    private final MachNativeTasks tasks;
    private final InputStream in;
    private final int runnerTask;
    private final int sendName;
    private final Semaphore wanted = new Semaphore(0);
    private java.lang.Thread host;
    private volatile boolean stopped;

    /** A pump of {@code in} to the port named {@code sendName} (a send right) in the task {@code runnerTask}. */
    StdinPump(MachNativeTasks tasks, InputStream in, int runnerTask, int sendName) {
        this.tasks = tasks;
        this.in = in;
        this.runnerTask = runnerTask;
        this.sendName = sendName;
    }

    /** The program waits for input: one chunk will come. Conditions: any thread. */
    synchronized void request() {
        if (host == null) {
            host = new java.lang.Thread(this::pump, "jmach bare stdin");
            host.setDaemon(true);
            host.start();
        }
        wanted.release();
    }

    /** The program ended: the host thread stops (at once, unless it is inside the stream's read). */
    synchronized void stop() {
        stopped = true;
        if (host != null) {
            host.interrupt();
        }
    }

    private void pump() {
        byte[] buf = new byte[CHUNK];
        while (!stopped) {
            try {
                wanted.acquire();
            } catch (InterruptedException e) {
                return;
            }
            int status;
            try {
                int n = in.read(buf, 0, buf.length);
                status = Math.max(n, 0);
            } catch (IOException e) {
                status = -BareRunner.EIO;
            }
            if (stopped) {
                return;
            }
            byte[] data = status > 0 ? Arrays.copyOf(buf, status) : new byte[0];
            int count = status;
            int kr = tasks.threadCreate(runnerTask, "stdin", traps -> {
                MachMessage m = new MachMessage(MESSAGE_MAX);
                m.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, 0), sendName, 0, STDIN_DATA_ID);
                m.putInteger32(count).putBytes(MACH_MSG_TYPE_CHAR, data);
                int size = m.endBody();
                traps.machMsg(m, MACH_SEND_MSG, size, 0, 0, 0, 0);
            });
            if (kr != KERN_SUCCESS || count <= 0) {
                return; // the runner is gone, or the stream ended: nothing more to read
            }
        }
    }
}
