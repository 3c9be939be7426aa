package org.jmach.kernel.migtest;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MIG_NO_REPLY;
import static org.jmach.mach.Message.MACH_MSG_TYPE_INTEGER_32;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;

import java.util.Locale;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigServer;
import org.jmach.mach.MigTaskMemory;
import org.jmach.mach.MigWriter;

/**
 * The server of migtest.defs, as a user-level task runs it: each routine
 * computes something the client can check, so that every argument must have
 * travelled intact both ways.
 */
final class MigtestImpl implements MigtestServer {

    /** An id the server sends on the send-once right the client gave it. */
    static final int TOKEN_ID = 4242;

    private final MachTraps traps;
    private int deferredReply = MACH_PORT_NULL;
    private int deferredValue;

    MigtestImpl(MachTraps traps) {
        this.traps = traps;
    }

    @Override
    public int migtestScalars(int server, byte a, short b, int c, long d, long[] sum) {
        sum[0] = a + b + c + d;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestArrays(int server, int[] words, int[] quad, long[] longs, int[][] reversed, int[][] doubled,
            long[][] swapped) {
        int[] r = new int[words.length];
        for (int i = 0; i < words.length; i++) {
            r[i] = words[words.length - 1 - i];
        }
        reversed[0] = r;
        int[] twice = new int[quad.length];
        for (int i = 0; i < quad.length; i++) {
            twice[i] = 2 * quad[i];
        }
        doubled[0] = twice;
        swapped[0] = new long[] {longs[2], longs[0]};
        return KERN_SUCCESS;
    }

    @Override
    public int migtestOol(int server, byte[] data, byte[][] back, int[][] squares) {
        byte[] b = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            b[i] = (byte) ~data[i];
        }
        back[0] = b;
        int[] s = new int[data.length / 1024];
        for (int i = 0; i < s.length; i++) {
            s[i] = i * i;
        }
        squares[0] = s;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestStrings(int server, String name, String text, String[] greeting, String[] upper) {
        greeting[0] = "hello, " + name + ": " + text;
        upper[0] = name.toUpperCase(Locale.ROOT);
        return KERN_SUCCESS;
    }

    @Override
    public int migtestCountinout(int server, int n, int[] values, int[] valuesCnt) {
        int count = Math.min(n, valuesCnt[0]);
        for (int i = 0; i < count; i++) {
            values[i] = 100 + i;
        }
        valuesCnt[0] = count;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestInout(int server, int[] counter, short[][] list) {
        counter[0]++;
        short[] l = list[0];
        short[] longer = new short[l.length + 1];
        System.arraycopy(l, 0, longer, 0, l.length);
        longer[l.length] = (short) l.length;
        list[0] = longer;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestPorts(int server, int token, int poly, int polyPoly, int[] service, int[] echoed,
            int[] echoedPoly) {
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0), token, MACH_PORT_NULL, TOKEN_ID);
        int mr = traps.machMsg(m, MACH_SEND_MSG, m.endBody(), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
        if (mr != KERN_SUCCESS) {
            return mr;
        }
        service[0] = server;
        echoed[0] = poly;
        echoedPoly[0] = polyPoly;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestOneway(int server, int value) {
        deferredValue += value;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestSeqno(int server, int seqno, int[] seen) {
        seen[0] = seqno;
        return KERN_SUCCESS;
    }

    @Override
    public int migtestFail(int server, int code) {
        return code;
    }

    @Override
    public int migtestDeferred(int server, int reply, int value, int[] result) {
        deferredReply = reply;
        deferredValue = value;
        return MIG_NO_REPLY;
    }

    @Override
    public int migtestTake(int server, int right, int code) {
        return code;
    }

    /**
     * Sends the deferred reply: the stored value plus {@code value}; or with
     * a negative value, destroys the reply right instead (the client sees
     * MIG_SERVER_DIED).
     */
    @Override
    public int migtestPoke(int server, int value) {
        int reply = deferredReply;
        deferredReply = MACH_PORT_NULL;
        if (value < 0) {
            return traps.machPort().machPortDeallocate(traps.machTaskSelf(), reply);
        }
        MachMessage m = new MachMessage(64);
        m.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0), reply, MACH_PORT_NULL,
                MigtestIds.MIGTEST_DEFERRED + 100);
        MigWriter w = MigServer.replyWriter(m, new MigTaskMemory(traps));
        w.int32(MACH_MSG_TYPE_INTEGER_32, deferredValue + value);
        MigServer.finish(w);
        return traps.machMsg(m, MACH_SEND_MSG, m.msghSize(), 0, MACH_PORT_NULL, 0, MACH_PORT_NULL);
    }
}
