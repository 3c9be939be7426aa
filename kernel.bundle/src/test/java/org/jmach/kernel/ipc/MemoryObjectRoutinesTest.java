package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Notify.MACH_NOTIFY_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_CALL;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_DIRTY;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmach.kernel.vm.FakeMemoryObjectControl;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachUser;
import org.jmach.mach.MemoryObjectIds;
import org.jmach.mach.MigTaskMemory;
import org.jmach.vm.VmProt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The memory object control routines of mach.defs, as a manager calls them
 * with the generated MachUser stubs on an object's control port: each
 * reaches the object behind the port with its arguments, a reply_to right
 * reaches it as a naked right (which a completion then uses), and a call
 * on any other port reaches no object and leaves its reply right to be
 * destroyed.
 */
class MemoryObjectRoutinesTest extends IpcTestBase {

    private static final int BUFFER = 4096;

    private FakeMemoryObjectControl object;
    private KernelPagerChannel channel;
    private MachUser mach;
    private int control;
    private int name;

    @BeforeEach
    void controlPort() {
        object = new FakeMemoryObjectControl(3);
        channel = new KernelPagerChannel(kernel.ipc());
        IpcVmObjectPorts ports = IpcVmObjectPorts.of(kernel.ipc(), object);
        control = kernel.ipc().makeSendCopyout(ports.controlPort(), taskA.space());
        name = kernel.ipc().makeSendCopyout(ports.namePort(), taskA.space());
        mach = self.mach();
    }

    @Test
    void readyReachesTheObject() {
        assertEquals(KERN_SUCCESS, mach.memoryObjectReady(control, 1, MEMORY_OBJECT_COPY_DELAY));
        assertEquals(new FakeMemoryObjectControl.Call("ready", List.of(true, MEMORY_OBJECT_COPY_DELAY)),
                object.onlyCall());
    }

    @Test
    void setAttributesIsReadyWhenReadyElseAChangeWithoutReply() {
        assertEquals(KERN_SUCCESS, mach.memoryObjectSetAttributes(control, 1, 0, MEMORY_OBJECT_COPY_CALL));
        assertEquals(KERN_SUCCESS, mach.memoryObjectSetAttributes(control, 0, 1, MEMORY_OBJECT_COPY_DELAY));
        assertEquals(List.of(new FakeMemoryObjectControl.Call("ready", List.of(false, MEMORY_OBJECT_COPY_CALL)),
                new FakeMemoryObjectControl.Call("changeAttributes", List.of(true, MEMORY_OBJECT_COPY_DELAY, false))),
                object.calls);
    }

    @Test
    void dataSupplyBringsThePagesAndTheReplyRightWhichSupplyCompletedUses() {
        int reply = allocateReceive();
        object.onReply = r -> channel.supplyCompleted(r, object, 0x1000, 0x1000, KERN_SUCCESS, 0);
        byte[] page = new byte[4096];
        page[100] = 7;
        assertEquals(KERN_SUCCESS,
                mach.memoryObjectDataSupply(control, 0x1000, page, VmProt.VM_PROT_WRITE, 1, reply));
        FakeMemoryObjectControl.Call call = object.onlyCall();
        assertEquals("dataSupply", call.routine());
        assertEquals(0x1000L, call.args().get(0));
        assertArrayEquals(page, (byte[]) call.args().get(1));
        assertEquals(List.of(VmProt.VM_PROT_WRITE, true, true), call.args().subList(2, 5));
        MachMessage m = receive(reply);
        assertEquals(MemoryObjectIds.MEMORY_OBJECT_SUPPLY_COMPLETED, m.msghId());
        MemoryObjectDecoder.Call completed = MemoryObjectDecoder.decode(m, new MigTaskMemory(self));
        assertEquals(control, completed.intArg(2), "the same control port the manager called on");
        assertNothingQueued(reply);
    }

    @Test
    void dataSupplyWithoutAReplyPortGivesTheObjectNone() {
        assertEquals(KERN_SUCCESS,
                mach.memoryObjectDataSupply(control, 0, new byte[4096], VmProt.VM_PROT_NONE, 0, MACH_PORT_NULL));
        assertEquals(false, object.onlyCall().args().get(4));
        assertTrue(object.replies.isEmpty());
    }

    @Test
    void lockRequestBringsItsArgumentsAndAReplyRightThatLockCompletedConsumes() {
        int reply = allocateReceive();
        assertEquals(KERN_SUCCESS, mach.memoryObjectLockRequest(control, 0x2000, 0x4000, MEMORY_OBJECT_RETURN_DIRTY,
                1, VmProt.VM_PROT_WRITE, reply));
        assertEquals(new FakeMemoryObjectControl.Call("lockRequest",
                List.of(0x2000L, 0x4000L, MEMORY_OBJECT_RETURN_DIRTY, true, VmProt.VM_PROT_WRITE, true)),
                object.onlyCall());
        Object right = object.replies.get(0);
        assertInstanceOf(IpcNakedRight.class, right);
        assertNothingQueued(reply);
        channel.lockCompleted(right, object, 0x2000, 0x4000);
        assertEquals(MemoryObjectIds.MEMORY_OBJECT_LOCK_COMPLETED, receive(reply).msghId());
        assertNothingQueued(reply);
    }

    @Test
    void changeAttributesReplyRightReleasedUnusedSendsASendOnceNotification() {
        int reply = allocateReceive();
        assertEquals(KERN_SUCCESS, mach.memoryObjectChangeAttributes(control, 0, MEMORY_OBJECT_COPY_DELAY, reply));
        channel.release(object.replies.get(0));
        assertEquals(MACH_NOTIFY_SEND_ONCE, receive(reply).msghId());
    }

    @Test
    void unavailableErrorAndDestroyReachTheObject() {
        assertEquals(KERN_SUCCESS, mach.memoryObjectDataUnavailable(control, 0x3000, 0x1000));
        assertEquals(KERN_SUCCESS, mach.memoryObjectDataError(control, 0x4000, 0x2000, 10));
        assertEquals(KERN_SUCCESS, mach.memoryObjectDestroy(control, 5));
        assertEquals(List.of(new FakeMemoryObjectControl.Call("dataUnavailable", List.of(0x3000L, 0x1000L)),
                new FakeMemoryObjectControl.Call("dataError", List.of(0x4000L, 0x2000L, 10)),
                new FakeMemoryObjectControl.Call("destroy", List.of(5))), object.calls);
    }

    @Test
    void getAttributesIsARoutineWithThreeAnswers() {
        object.attributes = new int[] {1, 1, MEMORY_OBJECT_COPY_CALL};
        int[] ready = new int[1];
        int[] mayCache = new int[1];
        int[] strategy = new int[1];
        assertEquals(KERN_SUCCESS, mach.memoryObjectGetAttributes(control, ready, mayCache, strategy));
        assertEquals(1, ready[0]);
        assertEquals(1, mayCache[0]);
        assertEquals(MEMORY_OBJECT_COPY_CALL, strategy[0]);
    }

    @Test
    void theNamePortAndATaskPortAreNoControlPort() {
        int[] out = new int[1];
        assertEquals(KERN_INVALID_ARGUMENT, mach.memoryObjectGetAttributes(name, out, out, out));
        assertEquals(KERN_INVALID_ARGUMENT, mach.memoryObjectGetAttributes(task, out, out, out));
        // A simpleroutine on a wrong port: no object is called, and its reply right is destroyed.
        int reply = allocateReceive();
        assertEquals(KERN_SUCCESS, mach.memoryObjectLockRequest(task, 0, 4096, 0, 0, VmProt.VM_PROT_NO_CHANGE, reply));
        assertEquals(KERN_SUCCESS, mach.memoryObjectReady(name, 1, MEMORY_OBJECT_COPY_DELAY));
        assertTrue(object.calls.isEmpty());
        assertEquals(MACH_NOTIFY_SEND_ONCE, receive(reply).msghId());
    }

    @Test
    void setDefaultMemoryManagerNeedsTheHostPrivPort() {
        int manager = allocateReceive();
        int[] defaultManager = {manager};
        assertEquals(KERN_INVALID_HOST, mach.vmSetDefaultMemoryManager(self.machHostSelf(), defaultManager));
        assertEquals(KERN_INVALID_HOST, mach.vmSetDefaultMemoryManager(task, defaultManager));
    }

    private MachMessage receive(int from) {
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_MSG_SUCCESS, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, from, 5000, 0));
        return m;
    }

    private void assertNothingQueued(int from) {
        MachMessage m = new MachMessage(BUFFER);
        assertEquals(MACH_RCV_TIMED_OUT, self.machMsg(m, MACH_RCV_MSG | MACH_RCV_TIMEOUT, 0, BUFFER, from, 0, 0));
    }
}
