package org.jmach.kernel.ipc;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_MSG_SUCCESS;
import static org.jmach.mach.MachMsgReturn.MACH_RCV_TIMED_OUT;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_PORT_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_RCV_TIMEOUT;
import static org.jmach.mach.Notify.MACH_NOTIFY_PORT_DESTROYED;
import static org.jmach.mach.Notify.MACH_NOTIFY_SEND_ONCE;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_TYPE_RECEIVE;
import static org.jmach.mach.Port.MACH_PORT_TYPE_SEND;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jmach.kernel.kern.Task;
import org.jmach.kernel.vm.FakeMemoryObjectControl;
import org.jmach.kernel.vm.FakeVmSystem;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MemoryObjectDefaultIds;
import org.jmach.mach.MemoryObjectIds;
import org.jmach.mach.MigTaskMemory;
import org.jmach.vm.MemoryObjectConstants;
import org.jmach.vm.VmProt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The kernel's side of memory_object.defs and memory_object_default.defs:
 * each call of VM's channel lands on the manager's port as the message MIG
 * describes (read back with the generated demuxes), with the rights the
 * protocol says; and the death of a memory object port reaches
 * VmSystem.managerDied, once, even from a task's termination, while VM may
 * call back into the channel.
 */
class KernelPagerChannelTest extends IpcTestBase {

    private static final int BUFFER = 4096;

    private Ipc ipc;
    private KernelPagerChannel channel;
    private FakeVmSystem vm;
    private FakeMemoryObjectControl object;

    @BeforeEach
    void channel() {
        ipc = kernel.ipc();
        channel = new KernelPagerChannel(ipc);
        vm = new FakeVmSystem();
        channel.attach(vm);
        object = new FakeMemoryObjectControl(7);
    }

    // ---- kernel → manager ----

    @Test
    void initGivesSendRightsToTheObjectsControlAndNamePortsAndThePageSize() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        channel.init(pager, object, 4096);
        MemoryObjectDecoder.Call call = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_INIT);
        assertEquals("init", call.routine());
        int control = call.intArg(1);
        int name = call.intArg(2);
        assertEquals(4096L, call.longArg(3));
        assertNotEquals(control, name);
        assertEquals(MACH_PORT_TYPE_SEND, type(control));
        assertEquals(MACH_PORT_TYPE_SEND, type(name));
        assertSame(object, ipc.kobjectForName(taskA.space(), control));
        assertSame(object, ipc.kobjectForName(taskA.space(), name));
        assertEquals(Ipc.IKOT_PAGING_REQUEST, kotype(control));
        assertEquals(Ipc.IKOT_PAGING_NAME, kotype(name));
        IpcVmObjectPorts ports = (IpcVmObjectPorts) object.ports();
        assertSame(ports.controlPort(), taskA.space().lookup(control).object);
        assertEquals(1, srights(pager), "the kernel keeps VM's send right; the message's was consumed");
    }

    @Test
    void theObjectKeepsItsPortsFromOneMessageToTheNext() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        channel.init(pager, object, 4096);
        int control = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_INIT).intArg(1);
        channel.dataRequest(pager, object, 0x2000, 0x1000, VmProt.VM_PROT_READ);
        MemoryObjectDecoder.Call call = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_DATA_REQUEST);
        assertEquals(List.of(manager, control, 0x2000L, 0x1000L, VmProt.VM_PROT_READ), call.args());
    }

    @Test
    void dataUnlockCarriesTheRangeAndTheAccessWanted() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        channel.dataUnlock(pager, object, 0x4000, 0x2000, VmProt.VM_PROT_WRITE);
        MemoryObjectDecoder.Call call = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_DATA_UNLOCK);
        assertEquals(0x4000L, call.longArg(2));
        assertEquals(0x2000L, call.longArg(3));
        assertEquals(VmProt.VM_PROT_WRITE, call.intArg(4));
        assertSame(object, ipc.kobjectForName(taskA.space(), call.intArg(1)));
    }

    @Test
    void dataReturnCarriesThePagesOutOfLineWithTheirFlags() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        byte[] page = new byte[4096];
        page[0] = 1;
        page[4095] = 99;
        channel.dataReturn(pager, object, 0x8000, page, true, false);
        MemoryObjectDecoder.Call call = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_DATA_RETURN);
        assertEquals(0x8000L, call.longArg(2));
        assertArrayEquals(page, (byte[]) call.arg(3));
        assertEquals(1, call.intArg(4), "dirty");
        assertEquals(0, call.intArg(5), "kernel_copy");
    }

    @Test
    void dataInitializeGoesToTheDefaultManagerWithThePages() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        byte[] page = new byte[4096];
        page[17] = 5;
        channel.dataInitialize(pager, object, 0x1000, page);
        MemoryObjectDecoder.Call call = receiveCall(manager, MemoryObjectDefaultIds.MEMORY_OBJECT_DATA_INITIALIZE);
        assertEquals(0x1000L, call.longArg(2));
        assertArrayEquals(page, (byte[]) call.arg(3));
    }

    @Test
    void lockCompletedGoesOnTheReplyRightAndConsumesIt() {
        int reply = allocateReceive();
        IpcNakedRight right = kernelSendOnceRight(reply);
        channel.lockCompleted(right, object, 0x3000, 0x1000);
        MemoryObjectDecoder.Call call = receiveCall(reply, MemoryObjectIds.MEMORY_OBJECT_LOCK_COMPLETED);
        assertEquals(reply, call.intArg(0));
        assertSame(object, ipc.kobjectForName(taskA.space(), call.intArg(2)));
        assertEquals(0x3000L, call.longArg(3));
        assertEquals(0x1000L, call.longArg(4));
        // Consumed: releasing it now sends nothing (no send-once notification).
        channel.release(right);
        assertNothingQueued(reply);
    }

    @Test
    void supplyCompletedMayGoOnASendRightAndCarriesTheResult() {
        int reply = allocateReceive();
        IpcPort port = kernelSendRight(taskA.space(), reply);
        IpcNakedRight right = new IpcNakedRight(port, MACH_MSG_TYPE_PORT_SEND);
        channel.supplyCompleted(right, object, 0x2000, 0x2000, 23, 0x3000);
        MemoryObjectDecoder.Call call = receiveCall(reply, MemoryObjectIds.MEMORY_OBJECT_SUPPLY_COMPLETED);
        assertEquals(0x2000L, call.longArg(3));
        assertEquals(0x2000L, call.longArg(4));
        assertEquals(23, call.intArg(5));
        assertEquals(0x3000L, call.longArg(6));
        assertEquals(0, srights(port), "the send right went with the message");
    }

    @Test
    void changeCompletedCarriesTheAttributesAndNoControlPort() {
        int reply = allocateReceive();
        channel.changeCompleted(kernelSendOnceRight(reply), true, MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY);
        MemoryObjectDecoder.Call call = receiveCall(reply, MemoryObjectIds.MEMORY_OBJECT_CHANGE_COMPLETED);
        assertEquals(1, call.intArg(2));
        assertEquals(MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY, call.intArg(3));
    }

    @Test
    void releasingAnUnusedReplyRightSendsItsSendOnceNotification() {
        int reply = allocateReceive();
        channel.release(kernelSendOnceRight(reply));
        MachMessage m = receive(reply);
        assertEquals(MACH_NOTIFY_SEND_ONCE, m.msghId());
        assertNothingQueued(reply);
    }

    @Test
    void releasingAPagerDropsTheKernelsSendRight() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        assertEquals(1, srights(pager));
        channel.release(pager);
        assertEquals(0, srights(pager));
        assertTrue(channel.alive(pager), "its receive right lives on");
    }

    @Test
    void terminateHandsTheControlAndNameReceiveRightsToTheManager() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        channel.init(pager, object, 4096);
        MemoryObjectDecoder.Call init = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_INIT);
        channel.terminate(pager, object);
        MemoryObjectDecoder.Call call = receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_TERMINATE);
        int control = call.intArg(1);
        int name = call.intArg(2);
        // The manager held send rights from init: now it holds the ports themselves, under the same names.
        assertEquals(init.intArg(1), control);
        assertEquals(init.intArg(2), name);
        assertEquals(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE, type(control));
        assertEquals(MACH_PORT_TYPE_SEND | MACH_PORT_TYPE_RECEIVE, type(name));
        assertNull(ipc.kobjectForName(taskA.space(), control), "no longer the object's");
        assertNull(object.ports());
        assertEquals(0, srights(pager), "the pager handle went with the message");
        // No longer watched: the manager's death is not VM's business any more.
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, manager));
        assertTrue(vm.deadManagers.isEmpty());
    }

    @Test
    void terminateWithADeadPagerOrNoneDestroysTheObjectsPorts() {
        for (boolean dead : new boolean[] {true, false}) {
            FakeMemoryObjectControl ended = new FakeMemoryObjectControl(8);
            IpcVmObjectPorts ports = IpcVmObjectPorts.of(ipc, ended);
            int control = ipc.makeSendCopyout(ports.controlPort(), taskA.space());
            int name = ipc.makeSendCopyout(ports.namePort(), taskA.space());
            IpcPort pager = null;
            if (dead) {
                int manager = allocateReceive();
                pager = kernelSendRight(taskA.space(), manager);
                assertEquals(KERN_SUCCESS, port.machPortDestroy(task, manager));
            }
            channel.terminate(pager, ended);
            assertEquals(org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME, type(control));
            assertEquals(org.jmach.mach.Port.MACH_PORT_TYPE_DEAD_NAME, type(name));
            assertNull(ended.ports());
        }
    }

    @Test
    void createGivesTheDefaultManagerTheNewObjectsReceiveRightAndKeepsASendRight() {
        int defaultManager = allocateReceive();
        IpcPort manager = kernelSendRight(taskA.space(), defaultManager);
        Object pager = channel.create(manager, object, 0x10000, 4096);
        assertNotNull(pager);
        MemoryObjectDecoder.Call call = receiveCall(defaultManager, MemoryObjectDefaultIds.MEMORY_OBJECT_CREATE);
        int newObject = call.intArg(1);
        assertEquals(MACH_PORT_TYPE_RECEIVE, type(newObject));
        assertSame(pager, taskA.space().lookup(newObject).object);
        assertEquals(0x10000L, call.longArg(2));
        assertSame(object, ipc.kobjectForName(taskA.space(), call.intArg(3)));
        assertSame(object, ipc.kobjectForName(taskA.space(), call.intArg(4)));
        assertEquals(4096L, call.longArg(5));
        assertEquals(1, srights((IpcPort) pager));
        assertEquals(1, srights(manager), "VM keeps its handle to the default manager");
        assertTrue(channel.alive(pager));
        // The default manager lets the object go: VM hears of it.
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, newObject));
        assertEquals(List.of(pager), vm.deadManagers);
        assertFalse(channel.alive(pager));
    }

    @Test
    void createWithoutALiveDefaultManagerGivesNothing() {
        assertNull(channel.create(null, object, 4096, 4096));
        int defaultManager = allocateReceive();
        IpcPort manager = kernelSendRight(taskA.space(), defaultManager);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, defaultManager));
        assertNull(channel.create(manager, object, 4096, 4096));
        assertNull(channel.create(ipc.kernelPortAlloc("a kernel object", Ipc.IKOT_PAGER), object, 4096, 4096),
                "a kernel port is no manager");
    }

    @Test
    void aMessageToADeadManagerIsDroppedWithItsRights() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, manager));
        assertFalse(channel.alive(pager));
        channel.dataRequest(pager, object, 0, 4096, VmProt.VM_PROT_READ);
        IpcVmObjectPorts ports = (IpcVmObjectPorts) object.ports();
        assertEquals(0, srights(ports.controlPort()), "the control right the message carried was released");
        assertEquals(1, srights(pager));
    }

    // ---- manager death ----

    @Test
    void aManagersDeathReachesManagerDiedOnceWithThePagerHandle() {
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        channel.init(pager, object, 4096);
        assertTrue(vm.deadManagers.isEmpty());
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, manager));
        assertEquals(List.of(pager), vm.deadManagers);
        assertFalse(channel.alive(pager));
        channel.release(pager);
        assertEquals(List.of(pager), vm.deadManagers, "once");
    }

    @Test
    void aManagerTaskThatTerminatesKillsItsObjectsAndVmMayCallBackIntoTheChannel() {
        Task managerTask = kernel.taskCreate("manager");
        int name = ipc.portAllocReceive(managerTask.space());
        IpcPort pager = kernelSendRight(managerTask.space(), name);
        channel.init(pager, object, 4096);
        // The default manager, in the test task, that VM fails the object over to.
        int defaultManager = allocateReceive();
        IpcPort fallback = kernelSendRight(taskA.space(), defaultManager);
        Object[] replacement = new Object[1];
        vm.onManagerDied = dead -> {
            assertFalse(channel.alive(dead));
            channel.release(dead);
            replacement[0] = channel.create(fallback, object, 4096, 4096);
            channel.dataRequest(replacement[0], object, 0, 4096, VmProt.VM_PROT_READ);
        };
        assertEquals(KERN_SUCCESS, managerTask.terminate());
        assertEquals(List.of(pager), vm.deadManagers);
        assertEquals(0, srights(pager));
        receiveCall(defaultManager, MemoryObjectDefaultIds.MEMORY_OBJECT_CREATE);
        assertTrue(channel.alive(replacement[0]));
    }

    @Test
    void theDefaultManagersDeathReachesManagerDiedOnceCreateHasUsedIt() {
        int defaultManager = allocateReceive();
        IpcPort manager = kernelSendRight(taskA.space(), defaultManager);
        channel.create(manager, object, 4096, 4096);
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, defaultManager));
        assertTrue(vm.deadManagers.contains(manager));
        assertEquals(1, vm.deadManagers.stream().filter(d -> d == manager).count());
    }

    @Test
    void aPortWithAPortDestroyedRequestDoesNotDieItMovesToTheRequester() {
        // A manager being replaced: its receive right goes to the requester, who serves the object on.
        int manager = allocateReceive();
        IpcPort pager = kernelSendRight(taskA.space(), manager);
        channel.init(pager, object, 4096);
        receiveCall(manager, MemoryObjectIds.MEMORY_OBJECT_INIT);
        int successor = allocateReceive();
        int[] previous = new int[1];
        assertEquals(KERN_SUCCESS, port.machPortRequestNotification(task, manager, MACH_NOTIFY_PORT_DESTROYED, 0,
                successor, MACH_MSG_TYPE_MAKE_SEND_ONCE, previous));
        assertEquals(KERN_SUCCESS, port.machPortDestroy(task, manager));
        assertEquals(MACH_NOTIFY_PORT_DESTROYED, receive(successor).msghId());
        assertTrue(vm.deadManagers.isEmpty());
        assertTrue(channel.alive(pager));
    }

    // ---- helpers ----

    /** A send right to the port {@code name} names in {@code space}, made for the kernel (VM's handle). */
    private IpcPort kernelSendRight(IpcSpace space, int name) {
        return (IpcPort) copyin(space, name, MACH_MSG_TYPE_MAKE_SEND);
    }

    /** A send-once right to the test task's port {@code name}, as a control routine takes it from a request. */
    private IpcNakedRight kernelSendOnceRight(int name) {
        return new IpcNakedRight((IpcPort) copyin(taskA.space(), name, MACH_MSG_TYPE_MAKE_SEND_ONCE),
                MACH_MSG_TYPE_PORT_SEND_ONCE);
    }

    private IpcObject copyin(IpcSpace space, int name, int disposition) {
        ipc.lock.lock();
        try {
            IpcObject[] out = new IpcObject[1];
            assertEquals(KERN_SUCCESS, IpcRight.copyin(ipc, space, name, disposition, false, null, out));
            return out[0];
        } finally {
            ipc.lock.unlock();
        }
    }

    private int srights(IpcPort p) {
        return ipc.locked(() -> p.srights);
    }

    private int kotype(int name) {
        return ipc.locked(() -> taskA.space().lookup(name).port().kotype);
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

    /** Receives the message the kernel sent to {@code from}, checks its id, and reads it with MIG's demux. */
    private MemoryObjectDecoder.Call receiveCall(int from, int id) {
        MachMessage m = receive(from);
        assertEquals(id, m.msghId());
        assertEquals(MACH_PORT_NULL, m.msghRemotePort(), "a simpleroutine: no reply port");
        return MemoryObjectDecoder.decode(m, new MigTaskMemory(self));
    }
}
