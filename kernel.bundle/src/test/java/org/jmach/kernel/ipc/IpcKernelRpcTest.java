package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_INTERRUPTED;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_IN_PROGRESS;
import static org.jmach.mach.MachMsgReturn.MACH_SEND_INVALID_DEST;
import static org.jmach.mach.MachMsgReturn.MIG_REPLY_MISMATCH;
import static org.jmach.mach.MachMsgReturn.MIG_SERVER_DIED;
import static org.jmach.mach.MachMsgReturn.MIG_TYPE_ERROR;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MOVE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.jmach.kernel.kern.Task;
import org.jmach.kernel.kern.Thread;
import org.jmach.mach.ExcServer;
import org.jmach.mach.ExcServerDemux;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgDestroy;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MigTaskMemory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's RPC path, through exception_raise: a handler task serves the
 * request with the generated ExcServerDemux, and whatever it does (answer,
 * fail, destroy the request, die, or never answer while the thread is
 * aborted) the kernel gets a code back, and leaves no right, name or reply
 * port behind, in its own space or in the handler's.
 */
class IpcKernelRpcTest extends IpcTestBase {

    private static final int EXC_BAD_ACCESS = 1;
    private static final int KERN_PROTECTION_FAILURE = 2;
    private static final long SUBCODE = 0x7fff_1234_5678L;

    private Ipc ipc;
    private Task handler;
    /** The receive right of the exception port, in the handler's space. */
    private int excName;
    private IpcPort excPort;
    /** Task A's and the test thread's kernel ports. */
    private IpcPort taskPort;
    private IpcPort threadPort;

    /** What the handler saw. */
    private volatile int seenException;
    private volatile int seenCode;
    private volatile long seenSubcode;
    private volatile IpcObject seenThread;
    private volatile IpcObject seenTask;
    private volatile int seenExcName;
    /** The handler thread's names for its own task port and for its MIG reply port. */
    private volatile int handlerSelf = MACH_PORT_NULL;
    private volatile int handlerReply = MACH_PORT_NULL;

    @BeforeEach
    void handlerTask() {
        ipc = kernel.ipc();
        handler = kernel.taskCreate("handler");
        excName = ipc.portAllocReceive(handler.space());
        excPort = (IpcPort) object(handler.space(), excName);
        taskPort = taskA.ports().kernelPort();
        threadPort = threadA.ports().kernelPort();
        assertSame(taskPort, object(taskA.space(), task), "mach_task_self names the task's kernel port");
    }

    private IpcObject object(IpcSpace space, int name) {
        return ipc.locked(() -> {
            IpcEntry e = space.lookup(name);
            return e == null ? null : e.object;
        });
    }

    /** The names of the handler's space, with their types. */
    private Map<Integer, Integer> handlerNames() {
        Map<Integer, Integer> names = new TreeMap<>();
        for (org.jmach.mach.MachDebug.PortName n : ipc.portNames(handler.space())) {
            names.put(n.name(), n.type());
        }
        return names;
    }

    /** What a leak would change: the kernel's names and the rights counted on the ports involved. */
    private int[] counts() {
        return ipc.locked(() -> new int[] {ipc.kernelSpace.nameCount(), excPort.srights, excPort.sorights,
            taskPort.srights, taskPort.sorights, threadPort.srights, threadPort.sorights});
    }

    /** exception_raise from the test's thread to the exception port. */
    private int raise() throws InterruptedException {
        return raiseTo(excPort);
    }

    /** exception_raise from the test's thread to {@code port}, checking that it leaves the counts as they were. */
    private int raiseTo(IpcPort port) throws InterruptedException {
        int[] before = counts();
        int kr = IpcKernelRpc.exceptionRaise(ipc, threadA, port, threadPort, taskPort, EXC_BAD_ACCESS,
                KERN_PROTECTION_FAILURE, SUBCODE);
        assertCountsBack(before);
        return kr;
    }

    /**
     * The handler thread's own names, made before it serves: its task port
     * (which libmach's calls use) and its MIG reply port.
     */
    private void handlerThreadNames(MachTraps traps) {
        handlerSelf = traps.machTaskSelf();
        handlerReply = traps.mig().replyPort();
    }

    /**
     * A catch_exception_raise that records what it got and answers
     * {@code answer}; on KERN_SUCCESS it owns the rights and deallocates them.
     */
    private ExcServer catcher(MachTraps traps, int answer) {
        MachPortUser mp = traps.machPort();
        return (exceptionPort, thread, taskName, exception, code, subcode) -> {
            seenExcName = exceptionPort;
            seenException = exception;
            seenCode = code;
            seenSubcode = subcode;
            seenThread = object(handler.space(), thread);
            seenTask = object(handler.space(), taskName);
            if (answer == KERN_SUCCESS) {
                assertEquals(KERN_SUCCESS, mp.machPortDeallocate(handlerSelf, thread));
                assertEquals(KERN_SUCCESS, mp.machPortDeallocate(handlerSelf, taskName));
            }
            return answer;
        };
    }

    /**
     * On a handler thread: its own names made, the demux that serves the exc
     * subsystem with a {@link #catcher} answering {@code answer}.
     */
    private MachMsgServer.Demux handlerDemux(MachTraps traps, int answer) {
        handlerThreadNames(traps);
        ExcServer impl = catcher(traps, answer);
        MigTaskMemory memory = new MigTaskMemory(traps);
        return (rq, rp) -> ExcServerDemux.excServer(impl, memory, rq, rp);
    }

    /** A handler thread serving the exception port with libmach's blocking server loop. */
    private Thread serve(int answer) throws InterruptedException {
        Thread t = handler.threadCreate("catcher", traps -> MachMsgServer.machMsgServer(traps,
                handlerDemux(traps, answer), ExcServerDemux.MSG_SIZE_MAX, excName));
        awaitInMachMsg(t);
        return t;
    }

    /** Waits until {@code t} blocks, and checks that it blocked in mach_msg. */
    private void awaitInMachMsg(Thread t) throws InterruptedException {
        awaitBlocked(t);
        assertTrue(t.isWaitingInMachMsg());
    }

    /** On a handler thread: mach_msg receiving one request on the exception port into {@code m}, within 5 s. */
    private int receiveRequest(MachTraps traps, MachMessage m) {
        return traps.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, m.capacity(), excName, 5000, 0);
    }

    /**
     * A handler thread that receives the request, destroys it but for its
     * reply right, and answers it by hand: a reply of id {@code id} that
     * {@code body} may add to. {@code sent} completes with the send's result,
     * or with the receive's error.
     */
    private void answerByHand(CompletableFuture<Integer> sent, int id, Consumer<MachMessage> body) {
        handler.threadCreate("catcher", traps -> {
            handlerThreadNames(traps);
            MachMessage m = new MachMessage(ExcServerDemux.MSG_SIZE_MAX);
            int mr = receiveRequest(traps, m);
            if (mr != MACH_MSG_SUCCESS) {
                sent.complete(mr);
                return;
            }
            int replyTo = m.msghRemotePort();
            m.setMsghRemotePort(MACH_PORT_NULL);
            MachMsgDestroy.machMsgDestroy(traps, m);
            MachMessage r = new MachMessage(64);
            r.setHeader(machMsghBits(MACH_MSG_TYPE_MOVE_SEND_ONCE, 0), replyTo, MACH_PORT_NULL, id);
            body.accept(r);
            sent.complete(traps.machMsg(r, MACH_SEND_MSG, r.endBody(), 0, 0, 0, 0));
        });
    }

    /** Destroys the handler's receive right for the exception port: the port dies. */
    private void destroyExceptionPort() {
        ipc.locked(() -> IpcRight.destroy(ipc, handler.space(), handler.space().lookup(excName)));
    }

    private void assertHandlerSawTheException() {
        assertEquals(excName, seenExcName);
        assertEquals(EXC_BAD_ACCESS, seenException);
        assertEquals(KERN_PROTECTION_FAILURE, seenCode);
        assertEquals(SUBCODE, seenSubcode);
        assertSame(threadPort, seenThread, "a send right to the thread's kernel port");
        assertSame(taskPort, seenTask, "a send right to the task's kernel port");
    }

    /** The handler's space holds its exception port and the handler thread's own names only. */
    private void assertHandlerSpaceClean() {
        assertEquals(Map.of(excName, MACH_PORT_TYPE_RECEIVE, handlerSelf, MACH_PORT_TYPE_SEND, handlerReply,
                MACH_PORT_TYPE_RECEIVE), handlerNames());
    }

    // --- replies ------------------------------------------------------------------------

    @Test
    void handlerReturningSuccessResumesTheThreadAndGotTheThreadAndTaskRights() throws Exception {
        serve(KERN_SUCCESS);
        assertEquals(KERN_SUCCESS, raise());
        assertHandlerSawTheException();
        assertHandlerSpaceClean();
    }

    @Test
    void handlerFailureComesBackAndItsRightsAreDestroyedByTheServerLoop() throws Exception {
        serve(KERN_FAILURE);
        assertEquals(KERN_FAILURE, raise());
        assertHandlerSawTheException();
        assertHandlerSpaceClean();
    }

    @Test
    void everyRaiseGetsItsOwnReplyPort() throws Exception {
        serve(KERN_SUCCESS);
        for (int i = 0; i < 20; i++) {
            assertEquals(KERN_SUCCESS, raise());
        }
        assertHandlerSpaceClean();
    }

    @Test
    void handlerWaitingWithAContinuationIsResumedAndAnswers() throws Exception {
        CompletableFuture<Integer> started = new CompletableFuture<>();
        Thread t = handler.threadCreate("catcher", traps -> started.complete(MachMsgServer.machMsgServerContinue(
                traps, handlerDemux(traps, KERN_SUCCESS), ExcServerDemux.MSG_SIZE_MAX, excName)));
        assertEquals(MACH_RCV_IN_PROGRESS, started.get(5, TimeUnit.SECONDS));
        t.join();
        assertTrue(t.waitsWithContinuation());
        assertEquals(KERN_SUCCESS, raise());
        assertHandlerSawTheException();
        assertHandlerSpaceClean();
    }

    @Test
    void replyWithAnotherIdIsReplyMismatchAndIsDestroyed() throws Exception {
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        // A reply of the wrong id, carrying a send right the kernel must destroy.
        answerByHand(sent, 4242, r -> r.putPort(excName, MACH_MSG_TYPE_MAKE_SEND));
        assertEquals(MIG_REPLY_MISMATCH, raise());
        assertEquals(MACH_MSG_SUCCESS, sent.get(5, TimeUnit.SECONDS));
        assertHandlerSpaceClean();
    }

    @Test
    void replyWithoutRetCodeIsTypeError() throws Exception {
        CompletableFuture<Integer> sent = new CompletableFuture<>();
        answerByHand(sent, 2500, r -> { });
        assertEquals(MIG_TYPE_ERROR, raise());
        assertEquals(MACH_MSG_SUCCESS, sent.get(5, TimeUnit.SECONDS));
        assertHandlerSpaceClean();
    }

    @Test
    void aKernelPortAsExceptionPortAnswersBadId() throws Exception {
        // The kernel serves no exc subsystem on a task's port: its reply says so, synchronously.
        assertEquals(org.jmach.mach.MachMsgReturn.MIG_BAD_ID, raiseTo(taskPort));
    }

    // --- no reply -----------------------------------------------------------------------

    @Test
    void deadExceptionPortIsSendInvalidDestAtOnce() throws Exception {
        destroyExceptionPort();
        assertFalse(IpcKernelRpc.isActive(ipc, excPort));
        assertEquals(MACH_SEND_INVALID_DEST, raise());
        assertEquals(MACH_SEND_INVALID_DEST, IpcKernelRpc.exceptionRaise(ipc, threadA, null, threadPort, taskPort,
                EXC_BAD_ACCESS, 0, 0));
    }

    @Test
    void handlerDestroyingTheRequestIsServerDied() throws Exception {
        CompletableFuture<Integer> received = new CompletableFuture<>();
        handler.threadCreate("catcher", traps -> {
            handlerThreadNames(traps);
            MachMessage m = new MachMessage(ExcServerDemux.MSG_SIZE_MAX);
            int mr = receiveRequest(traps, m);
            if (mr == MACH_MSG_SUCCESS) {
                MachMsgDestroy.machMsgDestroy(traps, m); // the reply right too: a send-once notification
            }
            received.complete(mr);
        });
        assertEquals(MIG_SERVER_DIED, raise());
        assertEquals(MACH_MSG_SUCCESS, received.get(5, TimeUnit.SECONDS));
        assertHandlerSpaceClean();
    }

    @Test
    void exceptionPortDestroyedWithTheRequestQueuedIsServerDied() throws Exception {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        int[] before = counts();
        Thread faulter = faulter(result);
        awaitInMachMsg(faulter);
        assertEquals(1, ipc.locked(() -> excPort.msgcount()));
        destroyExceptionPort();
        assertEquals(MIG_SERVER_DIED, result.get(5, TimeUnit.SECONDS));
        assertEquals(0, handlerNames().size());
        assertCountsBack(before);
    }

    @Test
    void handlerTaskDyingWithTheRequestReceivedIsServerDied() throws Exception {
        CompletableFuture<Integer> received = new CompletableFuture<>();
        handler.threadCreate("catcher", traps -> {
            handlerThreadNames(traps);
            MachMessage m = new MachMessage(ExcServerDemux.MSG_SIZE_MAX);
            received.complete(receiveRequest(traps, m));
        });
        CompletableFuture<Integer> result = new CompletableFuture<>();
        int[] before = counts();
        faulter(result);
        assertEquals(MACH_MSG_SUCCESS, received.get(5, TimeUnit.SECONDS));
        assertEquals(KERN_SUCCESS, handler.terminate());
        assertEquals(MIG_SERVER_DIED, result.get(5, TimeUnit.SECONDS));
        assertCountsBack(before);
    }

    @Test
    void threadAbortWhileWaitingIsRcvInterrupted() throws Exception {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        int[] before = counts();
        Thread faulter = faulter(result);
        awaitInMachMsg(faulter);
        assertEquals(KERN_SUCCESS, MachMsg.abort(ipc, faulter));
        assertEquals(MACH_RCV_INTERRUPTED, result.get(5, TimeUnit.SECONDS));
        // The request is still queued, with a send-once right to a reply port that is gone; a late
        // answer is destroyed, and destroying the request releases the rights it carries.
        assertEquals(1, ipc.locked(() -> excPort.msgcount()));
        serve(KERN_SUCCESS);
        for (int i = 0; i < 5000 && ipc.locked(() -> excPort.msgcount()) > 0; i++) {
            java.lang.Thread.sleep(1);
        }
        assertEquals(0, ipc.locked(() -> excPort.msgcount()));
        assertCountsBack(before);
        assertHandlerSawTheException();
        assertHandlerSpaceClean();
    }

    /**
     * A thread of task A raising the exception on its own thread; its
     * result completes {@code result}. The thread's kernel port stands for
     * the test thread's, so that the counts stay comparable.
     */
    private Thread faulter(CompletableFuture<Integer> result) {
        CompletableFuture<Thread> me = new CompletableFuture<>();
        Thread t = taskA.threadCreate("faulter", traps -> {
            try {
                result.complete(IpcKernelRpc.exceptionRaise(ipc, me.join(), excPort, threadPort, taskPort,
                        EXC_BAD_ACCESS, KERN_PROTECTION_FAILURE, SUBCODE));
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        me.complete(t);
        return t;
    }

    /** The counts as they were, but for the kernel names of threads that came or went meanwhile. */
    private void assertCountsBack(int[] before) throws InterruptedException {
        int[] now = null;
        for (int i = 0; i < 5000; i++) {
            now = counts();
            if (java.util.Arrays.equals(java.util.Arrays.copyOfRange(before, 1, before.length),
                    java.util.Arrays.copyOfRange(now, 1, now.length))) {
                break;
            }
            java.lang.Thread.sleep(1);
        }
        assertEquals(java.util.Arrays.toString(java.util.Arrays.copyOfRange(before, 1, before.length)),
                java.util.Arrays.toString(java.util.Arrays.copyOfRange(now, 1, now.length)), "leaked rights");
        assertEquals(0, ipc.locked(() -> ipc.kernelSpace.nameCount()
                - kernelPortsNamed()), "a reply port left in the kernel's space");
    }

    /** The kernel's names that are kernel ports (tasks, threads, host), not reply ports. */
    private int kernelPortsNamed() {
        int[] n = new int[1];
        ipc.kernelSpace.table.forEach(e -> {
            if (e.object instanceof IpcPort p && p.isKernelPort()) {
                n[0]++;
            }
        });
        return n[0];
    }
}
