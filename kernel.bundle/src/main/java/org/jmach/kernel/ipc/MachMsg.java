package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INVALID_NAME;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_PORT_DIED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_SET;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TOO_LARGE;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_MEMORY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DATA;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_NOTIFY;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_MSG_TOO_SMALL;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_NOTIFY_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_TIMED_OUT;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_WILL_NOTIFY;
import static org.jmach.mach.Message.MACH_MSG_HEADER_SIZE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_USER_ALIGNMENT;
import static org.jmach.mach.Message.MACH_RCV_LARGE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_ALWAYS;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.MACH_SEND_NOTIFY;
import static org.jmach.mach.Message.MACH_SEND_TIMEOUT;
import static org.jmach.mach.Port.MACH_PORT_TYPE_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgContinuation;

/**
 * The mach_msg trap (GNU Mach's {@code ipc/mach_msg.c}): send, then receive,
 * blocking where Mach blocks — a sender on a full queue, a receiver on an
 * empty one — with timeouts, interruption by thread_abort, and Mach 3's
 * continuations: a receiver that blocked with one has no Java stack, and
 * the sender that wakes it runs it on its own processor (handoff).
 *
 * <p>A send to a full queue blocks with a continuation too, when the trap
 * has one: the message, already copied in, waits with the thread (no Java
 * thread) for a receiver to make room; it is then queued and the trap's
 * receive made, and the continuation gets the whole trap's result.
 *
 * <p>A wait with a continuation and MACH_RCV_TIMEOUT or MACH_SEND_TIMEOUT
 * is ended at its deadline by a timer ({@link #TIMER}), which wakes it
 * with MACH_RCV_TIMED_OUT or MACH_SEND_TIMED_OUT as thread_abort wakes it
 * with MACH_RCV_INTERRUPTED or MACH_SEND_INTERRUPTED: no Java thread waits
 * for it meanwhile.
 *
 * <p>Conditions: callers hold no lock. The IPC lock is taken inside and
 * released around every park and every continuation.
 */
public final class MachMsg {

    /**
     * Not a Mach code: the send was undone, nothing of it done, because a
     * page of its out-of-line data must first come from its manager and the
     * thread waits for it without a Java thread ({@link IpcThread#deferFault});
     * the caller makes the whole trap again once it came.
     */
    public static final int MACH_SEND_FAULT_DEFERRED = -3;

    /**
     * Whether a send failed after its copyin, with its message given back
     * to the sender's buffer by pseudo-receive (its header and rights
     * copied out again): the codes {@link #send} answers so.
     */
    public static boolean sendGaveBack(int mr) {
        return mr == MACH_SEND_TIMED_OUT || mr == MACH_SEND_INTERRUPTED || mr == MACH_SEND_INVALID_NOTIFY
                || mr == MACH_SEND_NOTIFY_IN_PROGRESS;
    }

    /** tryReceive's "nothing yet": the caller must wait on {@link Receive#queue}. */
    private static final int MUST_WAIT = 1;

    private MachMsg() {
    }

    /**
     * Routine: mach_msg_trap.
     *
     * <p>Returns: MACH_MSG_SUCCESS; any MACH_SEND_* code from the send
     * (the receive is then not attempted); any MACH_RCV_* code from the
     * receive; MACH_SEND_IN_PROGRESS or MACH_RCV_IN_PROGRESS when
     * {@code continuation} is given and the thread blocked with it in the
     * send (a full queue) or the receive: the continuation then gets the
     * trap's result.
     */
    public static int machMsgTrap(Ipc ipc, IpcThread self, MachMessage msg, int option, int sendSize,
            int rcvSize, int rcvName, int timeout, int notify, MachMsgContinuation continuation) {
        if ((option & MACH_SEND_MSG) != 0) {
            IpcWaiter sendWait = null;
            if (continuation != null) {
                sendWait = new IpcWaiter(self, null);
                sendWait.continuation = continuation;
                sendWait.msg = msg;
                sendWait.option = option;
                sendWait.rcvSize = rcvSize;
                sendWait.rcvName = rcvName;
                sendWait.rcvTimeout = timeout;
                sendWait.notify = notify;
            }
            int mr = send(ipc, self, msg, option, sendSize, timeout, notify, sendWait);
            if (mr != MACH_MSG_SUCCESS) {
                return mr;
            }
        }
        if ((option & MACH_RCV_MSG) != 0) {
            return receive(ipc, self, msg, option, rcvSize, rcvName, timeout, continuation);
        }
        return MACH_MSG_SUCCESS;
    }

    /**
     * Routine: mach_msg_send.
     *
     * <p>Returns: MACH_MSG_SUCCESS (also when the destination died after
     * copyin: the message is destroyed); MACH_SEND_MSG_TOO_SMALL for a size
     * below a header or not a multiple of 8; MACH_SEND_INVALID_DATA if the
     * buffer is smaller than the size; every copyin error of
     * {@link IpcKmsgCopyin#copyin}; with the message given back by
     * pseudo-receive: MACH_SEND_TIMED_OUT, MACH_SEND_INTERRUPTED,
     * MACH_SEND_NOTIFY_IN_PROGRESS, and MACH_SEND_INVALID_NOTIFY if
     * MACH_SEND_NOTIFY names no receive right when the queue is full;
     * MACH_SEND_WILL_NOTIFY when queued beyond the limit with MACH_SEND_NOTIFY;
     * {@link #MACH_SEND_FAULT_DEFERRED} if the thread defers a fault its
     * copyin needs; MACH_SEND_IN_PROGRESS if the queue is full and the thread blocked with
     * {@code sendWait}'s continuation (null: the calling Java thread waits).
     */
    static int send(Ipc ipc, IpcThread self, MachMessage msg, int option, int sendSize, int timeout,
            int notify, IpcWaiter sendWait) {
        if (sendSize < MACH_MSG_HEADER_SIZE || (sendSize & (MACH_MSG_USER_ALIGNMENT - 1)) != 0) {
            return MACH_SEND_MSG_TOO_SMALL;
        }
        if (sendSize > msg.capacity()) {
            return MACH_SEND_INVALID_DATA;
        }
        IpcWaiter[] handoff = new IpcWaiter[1];
        int mr;
        IpcKmsg kmsg;
        while (true) {
            kmsg = new IpcKmsg();
            kmsg.bytes = new byte[sendSize];
            msg.buffer().get(0, kmsg.bytes, 0, sendSize);
            kmsg.bits = msg.msghBits();
            kmsg.size = sendSize;
            kmsg.id = msg.msghId();
            ipc.lock.lock();
            try {
                mr = IpcKmsgCopyin.copyin(ipc, self.space(), self.memory(), kmsg);
            } catch (RuntimeException | Error e) {
                ipc.lock.unlock();
                throw e;
            }
            if (mr != IpcKmsgCopyin.MACH_SEND_FAULT_FIRST) {
                break; // the IPC lock stays held for the rest of the send
            }
            ipc.lock.unlock();
            // A page of the message is with its manager: fetch it with no lock held, then send again.
            if (self.deferFault(kmsg.faultAddress)) {
                return MACH_SEND_FAULT_DEFERRED;
            }
            if (!self.faultIn(kmsg.faultAddress)) {
                return MACH_SEND_INVALID_MEMORY;
            }
        }
        try {
            if (mr != MACH_MSG_SUCCESS) {
                return mr;
            }
            long deadline = deadline(option & MACH_SEND_TIMEOUT, timeout);
            boolean expired = (option & MACH_SEND_TIMEOUT) != 0 ? timeout == 0 : (option & MACH_SEND_NOTIFY) != 0;
            mr = enqueue(ipc, self, kmsg, option, deadline, expired, notify, handoff, sendWait);
            if (mr != MACH_MSG_SUCCESS && mr != MACH_SEND_WILL_NOTIFY && mr != MACH_SEND_IN_PROGRESS) {
                IpcKmsgCopyout.copyoutPseudo(ipc, self.space(), self.memory(), kmsg, msg);
            }
        } finally {
            ipc.lock.unlock();
        }
        if (handoff[0] != null) {
            ipc.resumeHere(self, handoff[0]);
        }
        return mr;
    }

    /**
     * Queues a copied-in message, blocking while the queue is full, until
     * {@code deadline} (0: none); {@code expired}: the send may not wait
     * (any more). With MACH_SEND_NOTIFY, once the send would time out (at
     * once without MACH_SEND_TIMEOUT), the message is queued anyway with a
     * msg-accepted request (GNU Mach's mach_msg_send and
     * ipc_marequest_create). With {@code sendWait}, the thread blocks with
     * its continuation rather than park: MACH_SEND_IN_PROGRESS, the message
     * kept by the waiter. Conditions: the IPC lock held.
     */
    private static int enqueue(Ipc ipc, IpcThread self, IpcKmsg kmsg, int option, long deadline, boolean expired,
            int notify, IpcWaiter[] handoff, IpcWaiter sendWait) {
        IpcPort port = (IpcPort) kmsg.remotePort;
        boolean sendNotify = (option & MACH_SEND_NOTIFY) != 0;
        while (true) {
            if (!port.active || port.isKernelPort() || port.msgcount() < port.qlimit
                    || (kmsg.bits & 0xff) == MACH_MSG_TYPE_PORT_SEND_ONCE || (option & MACH_SEND_ALWAYS) != 0) {
                handoff[0] = IpcMqueue.deliver(ipc, kmsg);
                return MACH_MSG_SUCCESS;
            }
            if (expired) {
                if (!sendNotify) {
                    return MACH_SEND_TIMED_OUT;
                }
                int mr = requestMsgAccepted(self.space(), port, notify, kmsg);
                if (mr != MACH_MSG_SUCCESS) {
                    return mr;
                }
                handoff[0] = IpcMqueue.deliver(ipc, kmsg);
                return MACH_SEND_WILL_NOTIFY;
            }
            if (sendWait != null) {
                blockSend(ipc, self, port, kmsg, deadline, sendWait);
                return MACH_SEND_IN_PROGRESS;
            }
            int result = block(ipc, self, port.senders, MACH_SEND_INTERRUPTED, deadline);
            if (result == IpcWaiter.WAITING) {
                expired = true; // look at the queue once more, as GNU Mach does after THREAD_TIMED_OUT
            } else if (result != IpcWaiter.WOKEN) {
                return result;
            }
        }
    }

    /**
     * Blocks {@code self} with {@code proto}'s continuation until {@code port}
     * has room for {@code kmsg}: a new waiter on the port's senders, holding
     * the message (its rights stay in transit), with a timer for
     * {@code deadline} (0: none). Conditions: the IPC lock held; the
     * caller's Java code must return once the lock is dropped.
     */
    private static void blockSend(Ipc ipc, IpcThread self, IpcPort port, IpcKmsg kmsg, long deadline,
            IpcWaiter proto) {
        IpcWaiter w = new IpcWaiter(self, null);
        w.continuation = proto.continuation;
        w.msg = proto.msg;
        w.option = proto.option;
        w.rcvSize = proto.rcvSize;
        w.rcvName = proto.rcvName;
        w.rcvTimeout = proto.rcvTimeout;
        w.notify = proto.notify;
        w.kmsg = kmsg;
        w.interruptCode = MACH_SEND_INTERRUPTED;
        waitWithContinuation(ipc, self, w, port.senders, deadline);
    }

    /**
     * Queues {@code w}, a waiter with a continuation, on {@code queue} as
     * {@code self}'s wait, with a timer for {@code deadline} (0: none); the
     * thread is blocked with a continuation from here.
     * Conditions: the IPC lock held; the caller's Java code returns once it drops.
     */
    private static void waitWithContinuation(Ipc ipc, IpcThread self, IpcWaiter w, ArrayDeque<IpcWaiter> queue,
            long deadline) {
        w.queue = queue;
        w.deadline = deadline;
        queue.addLast(w);
        self.waiter = w;
        if (deadline != 0) {
            w.timer = TIMER.schedule(() -> timeOut(ipc, w), deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        self.continuationBlocked = true; // before the IPC lock drops, so before any waker can see the waiter
    }

    /**
     * The send of a trap that blocked with a continuation, once its wait
     * ended: queue the message (or block again), then make the trap's
     * receive. Returns the trap's result, or MACH_SEND_IN_PROGRESS or
     * MACH_RCV_IN_PROGRESS if the thread blocked again.
     * Conditions: nothing locked; the calling Java thread acts for the thread.
     */
    private static int resumeSend(Ipc ipc, IpcWaiter w) {
        IpcThread self = w.thread;
        IpcKmsg kmsg = w.kmsg;
        w.kmsg = null;
        int state = w.state;
        IpcWaiter[] handoff = new IpcWaiter[1];
        int mr;
        ipc.lock.lock();
        try {
            if (state == IpcWaiter.WOKEN || state == MACH_SEND_TIMED_OUT) {
                mr = enqueue(ipc, self, kmsg, w.option, w.deadline, state == MACH_SEND_TIMED_OUT, w.notify, handoff,
                        w);
            } else {
                mr = state; // MACH_SEND_INTERRUPTED (thread_abort, thread_terminate)
            }
            if (mr != MACH_MSG_SUCCESS && mr != MACH_SEND_WILL_NOTIFY && mr != MACH_SEND_IN_PROGRESS) {
                IpcKmsgCopyout.copyoutPseudo(ipc, self.space(), self.memory(), kmsg, w.msg);
            }
        } finally {
            ipc.lock.unlock();
        }
        if (handoff[0] != null) {
            ipc.resumeLater(handoff[0]);
        }
        if (mr != MACH_MSG_SUCCESS || (w.option & MACH_RCV_MSG) == 0) {
            return mr;
        }
        return receive(ipc, self, w.msg, w.option, w.rcvSize, w.rcvName, w.rcvTimeout, w.continuation);
    }

    /**
     * Routine: ipc_marequest_create. Purpose: attach a msg-accepted request
     * to a message forced onto a full queue. The request is marked on the
     * sender's entry for the destination, if it has one (one request per
     * entry at a time); the notification goes to a send-once right made from
     * the receive right {@code notify}.
     *
     * <p>Returns: MACH_MSG_SUCCESS; MACH_SEND_NOTIFY_IN_PROGRESS if the
     * entry already has a request; MACH_SEND_INVALID_NOTIFY if {@code notify}
     * is not a receive right. Conditions: the IPC lock held.
     */
    private static int requestMsgAccepted(IpcSpace space, IpcPort port, int notify, IpcKmsg kmsg) {
        if (!space.active) {
            return MACH_SEND_INVALID_NOTIFY;
        }
        IpcEntry entry = space.entryFor(port);
        if (entry != null && entry.marequest != null) {
            return MACH_SEND_NOTIFY_IN_PROGRESS;
        }
        IpcEntry n = notify == org.jmach.mach.Port.MACH_PORT_NULL ? null : space.lookup(notify);
        if (n == null || !n.has(MACH_PORT_TYPE_RECEIVE)) {
            return MACH_SEND_INVALID_NOTIFY;
        }
        IpcPort notifyPort = n.port();
        notifyPort.sorights++;
        if (entry != null) {
            entry.marequest = notifyPort;
            port.marequests.add(entry);
        }
        kmsg.marequest = notifyPort;
        kmsg.marequestEntry = entry;
        return MACH_MSG_SUCCESS;
    }

    /**
     * Routine: mach_msg_receive.
     *
     * <p>Returns: MACH_MSG_SUCCESS; MACH_RCV_INVALID_DATA if the buffer is
     * smaller than rcv_size; MACH_RCV_INVALID_NAME if the name is not a
     * receive right or port set; MACH_RCV_IN_SET for a port in a set;
     * MACH_RCV_TOO_LARGE (the message stays queued with MACH_RCV_LARGE and
     * its size is in msgh_size; else it is destroyed and its header
     * returned); MACH_RCV_TIMED_OUT; MACH_RCV_INTERRUPTED; MACH_RCV_PORT_DIED;
     * MACH_RCV_PORT_CHANGED; MACH_RCV_IN_PROGRESS with a continuation; the
     * copyout errors of {@link IpcKmsgCopyout#copyout}.
     */
    static int receive(Ipc ipc, IpcThread self, MachMessage msg, int option, int rcvSize, int rcvName,
            int timeout, MachMsgContinuation continuation) {
        return receive(ipc, self, msg, option, rcvSize, rcvName, timeout,
                deadline(option & MACH_RCV_TIMEOUT, timeout), continuation);
    }

    /**
     * Ends the continuation waits of receives with MACH_RCV_TIMEOUT at their
     * deadlines: one daemon thread, which only wakes the waiter and hands
     * it to the executor ({@link #timeOut}).
     */
    private static final java.util.concurrent.ScheduledThreadPoolExecutor TIMER = timer();

    private static java.util.concurrent.ScheduledThreadPoolExecutor timer() {
        java.util.concurrent.ScheduledThreadPoolExecutor t = new java.util.concurrent.ScheduledThreadPoolExecutor(1,
                r -> {
                    Thread j = new Thread(r, "jmach mach_msg timeouts");
                    j.setDaemon(true);
                    return j;
                });
        t.setRemoveOnCancelPolicy(true);
        return t;
    }

    /**
     * A continuation's wait reached its deadline: it ends with
     * MACH_RCV_TIMED_OUT, or MACH_SEND_TIMED_OUT for a send (which looks at
     * the queue once more). Conditions: nothing locked.
     */
    private static void timeOut(Ipc ipc, IpcWaiter w) {
        ipc.lock.lock();
        try {
            if (w.state == IpcWaiter.WAITING) {
                w.queue.remove(w);
                w.wake(w.kmsg != null ? MACH_SEND_TIMED_OUT : MACH_RCV_TIMED_OUT);
                ipc.resumeLater(w);
            }
        } finally {
            ipc.lock.unlock();
        }
    }

    /** As {@link #receive}, with the deadline (0: none) of a wait that must block. */
    private static int receive(Ipc ipc, IpcThread self, MachMessage msg, int option, int rcvSize, int rcvName,
            int timeout, long deadline, MachMsgContinuation continuation) {
        if (rcvSize < 0 || rcvSize > msg.capacity()) {
            return MACH_RCV_INVALID_DATA;
        }
        Receive r = new Receive();
        ipc.lock.lock();
        try {
            while (true) {
                int mr = tryReceive(ipc, self, msg, option, rcvSize, rcvName, r);
                if (mr != MUST_WAIT) {
                    return mr;
                }
                if ((option & MACH_RCV_TIMEOUT) != 0 && timeout == 0) {
                    return MACH_RCV_TIMED_OUT;
                }
                if (continuation != null) {
                    IpcWaiter w = new IpcWaiter(self, null);
                    w.continuation = continuation;
                    w.msg = msg;
                    w.option = option;
                    w.rcvSize = rcvSize;
                    w.rcvName = rcvName;
                    w.interruptCode = MACH_RCV_INTERRUPTED;
                    waitWithContinuation(ipc, self, w, r.queue, deadline);
                    return MACH_RCV_IN_PROGRESS;
                }
                int result = block(ipc, self, r.queue, MACH_RCV_INTERRUPTED, deadline);
                if (result == IpcWaiter.WAITING) {
                    return MACH_RCV_TIMED_OUT;
                }
                if (result != IpcWaiter.WOKEN) {
                    return result;
                }
            }
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: ipc_mqueue_receive, for the kernel. Purpose: take the next
     * message off {@code port}, a receive right the kernel holds (a reply
     * port of a kernel RPC such as exception_raise), blocking the calling
     * thread until one is queued. No timeout; thread_abort ends the wait.
     *
     * <p>Conditions: the IPC lock held on entry and on return (released
     * while blocked); {@code self} holds a processor, which it gives up while
     * blocked. The message taken is the caller's, in {@code out[0]}.
     *
     * <p>Returns: MACH_MSG_SUCCESS; MACH_RCV_INTERRUPTED (thread_abort);
     * MACH_RCV_PORT_DIED if the port died or left the kernel's space.
     */
    static int receiveKernel(Ipc ipc, IpcThread self, IpcPort port, IpcKmsg[] out) {
        while (true) {
            if (!port.messages.isEmpty()) {
                out[0] = IpcMqueue.dequeue(ipc, port);
                return MACH_MSG_SUCCESS;
            }
            if (!port.active || port.receiver != ipc.kernelSpace) {
                return MACH_RCV_PORT_DIED;
            }
            int result = block(ipc, self, port.receivers, MACH_RCV_INTERRUPTED, 0);
            if (result != IpcWaiter.WOKEN) {
                return result;
            }
        }
    }

    /** Where a receive found nothing and must wait. */
    private static final class Receive {
        ArrayDeque<IpcWaiter> queue;
    }

    /** One attempt to receive. Conditions: the IPC lock held. Returns a code or MUST_WAIT. */
    private static int tryReceive(Ipc ipc, IpcThread self, MachMessage msg, int option, int rcvSize,
            int rcvName, Receive r) {
        IpcSpace space = self.space();
        IpcEntry entry = space.active ? space.lookup(rcvName) : null;
        IpcPort from;
        if (entry != null && entry.has(MACH_PORT_TYPE_RECEIVE)) {
            IpcPort port = entry.port();
            if (port.pset != null) {
                return MACH_RCV_IN_SET;
            }
            from = port.messages.isEmpty() ? null : port;
            r.queue = port.receivers;
        } else if (entry != null && entry.has(MACH_PORT_TYPE_PORT_SET)) {
            IpcPset pset = (IpcPset) entry.object;
            from = pset.oldestMember();
            r.queue = pset.receivers;
        } else {
            return MACH_RCV_INVALID_NAME;
        }
        if (from == null) {
            return MUST_WAIT;
        }
        IpcKmsg kmsg = from.messages.peekFirst();
        if (kmsg.size > rcvSize) {
            if ((option & MACH_RCV_LARGE) != 0) {
                if (msg.capacity() >= 8) {
                    msg.setMsghSize(kmsg.size);
                }
                return MACH_RCV_TOO_LARGE;
            }
            IpcKmsgCopyout.copyoutDestOnly(ipc, space, IpcMqueue.dequeue(ipc, from), msg);
            return MACH_RCV_TOO_LARGE;
        }
        return IpcKmsgCopyout.copyout(ipc, space, self.memory(), IpcMqueue.dequeue(ipc, from), msg);
    }

    /**
     * Blocks the calling thread on {@code queue} until woken, interrupted or
     * past the deadline (0: none). The thread gives up its processor while
     * blocked. Conditions: the IPC lock held on entry and on return (it is
     * released meanwhile). Returns the waiter's final state: WOKEN, an
     * error, or WAITING if the deadline passed.
     */
    private static int block(Ipc ipc, IpcThread self, ArrayDeque<IpcWaiter> queue, int interruptCode,
            long deadline) {
        IpcWaiter w = new IpcWaiter(self, Thread.currentThread());
        w.interruptCode = interruptCode;
        w.queue = queue;
        queue.addLast(w);
        self.waiter = w;
        ipc.lock.unlock();
        self.blockBegin();
        try {
            while (w.state == IpcWaiter.WAITING) {
                if (deadline == 0) {
                    LockSupport.park(w);
                } else {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        break;
                    }
                    LockSupport.parkNanos(w, left);
                }
            }
        } finally {
            self.blockEnd();
            ipc.lock.lock();
        }
        self.waiter = null;
        if (w.state == IpcWaiter.WAITING) {
            queue.remove(w);
            w.state = IpcWaiter.WOKEN - 1; // settled: a late waker must find it taken
            return IpcWaiter.WAITING;
        }
        return w.state;
    }

    private static long deadline(int timeoutOption, int timeout) {
        if (timeoutOption == 0 || timeout == 0) {
            return 0;
        }
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout & 0xffffffffL);
    }

    /**
     * Runs a continuation whose wait ended: receive the message (or report
     * the error that ended the wait), then call it. If another receiver took
     * the message first, the thread blocks again with the same continuation.
     *
     * <p>Conditions: nothing locked; the calling Java thread lends its
     * processor to the resumed thread.
     */
    static void resume(Ipc ipc, IpcWaiter w) {
        IpcThread self = w.thread;
        // Taken up: the code that blocked it has given back its processor (acquire and handoffBegin wait for that,
        // but for a halted thread), so it reads this no more; from here the calling Java thread acts for the thread.
        self.continuationBlocked = false;
        int result = w.state;
        java.util.concurrent.ScheduledFuture<?> timer = w.timer;
        if (timer != null) {
            timer.cancel(false);
        }
        if (w.kmsg != null) {
            result = resumeSend(ipc, w);
            if (result == MACH_SEND_IN_PROGRESS || result == MACH_RCV_IN_PROGRESS) {
                return;
            }
        } else if (result == IpcWaiter.WOKEN) {
            // Another receiver may have taken the message: the wait goes on, to the same deadline.
            result = receive(ipc, self, w.msg, w.option & ~(MACH_SEND_MSG | MACH_RCV_TIMEOUT), w.rcvSize, w.rcvName, 0,
                    w.deadline, w.continuation);
            if (result == MACH_RCV_IN_PROGRESS) {
                return;
            }
        }
        if (self.waiter == w) {
            self.waiter = null;
        }
        self.runnerStart();
        try {
            w.continuation.resume(self.traps(), w.msg, result);
        } catch (RuntimeException e) {
            // The resumed thread's own code failed: that thread ends, the sender that lent it a processor goes on.
            self.uncaught(e);
        } finally {
            self.runnerEnd();
        }
    }

    /**
     * Routine: thread_abort (the IPC part). Purpose: end the thread's wait
     * in mach_msg with MACH_RCV_INTERRUPTED or MACH_SEND_INTERRUPTED.
     *
     * <p>Conditions: nothing locked. Returns KERN_SUCCESS (also when the
     * thread was not waiting).
     */
    public static int abort(Ipc ipc, IpcThread thread) {
        ipc.lock.lock();
        try {
            IpcWaiter w = thread.waiter;
            if (w != null && w.state == IpcWaiter.WAITING) {
                w.queue.remove(w);
                w.wake(w.interruptCode);
                if (w.continuation != null) {
                    ipc.resumeLater(w);
                }
            }
            return KERN_SUCCESS;
        } finally {
            ipc.lock.unlock();
        }
    }
}
