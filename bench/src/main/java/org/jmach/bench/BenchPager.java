package org.jmach.bench;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_COPY_SEND;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND_ONCE;
import static org.jmach.mach.Message.MACH_RCV_MSG;
import static org.jmach.mach.Message.MACH_SEND_MSG;
import static org.jmach.mach.Message.machMsghBits;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_RETURN_NONE;
import static org.jmach.vm.VmProt.VM_PROT_NO_CHANGE;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

import org.jmach.kernel.kern.Task;
import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgReturn;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.MemoryObjectServer;
import org.jmach.mach.MemoryObjectServerDemux;
import org.jmach.mach.MigServer;
import org.jmach.mach.MigTaskMemory;

/**
 * The bench's memory manager: a user-level task ({@code pager}) serving one
 * memory object whose every page is the same constant page, by
 * memory_object.defs on a port set with libmach's continuation server loop
 * (it waits with no Java stack). Each data_request is answered with
 * data_supply of that page.
 *
 * <p>Besides the object port, the set holds a port for the bench's own
 * request {@link #FLUSH_ID}: the manager flushes every page of the object
 * with memory_object_lock_request (return none, flush) and answers, so that
 * when the bench's RPC returns, the next touch of any page faults to the
 * manager again.
 *
 * <p>The bench task sets the manager's ports up through the manager's task
 * port (mach_port_allocate, mach_port_move_member, mach_port_extract_right),
 * as a bootstrap would; the manager keeps no kernel object, only names.
 */
final class BenchPager implements MemoryObjectServer {

    /** The bench's flush request: not an id of any MIG subsystem. */
    static final int FLUSH_ID = 0x6a6d00;
    /** The first word of every page the manager supplies. */
    static final long VALUE = 0x6a6d616368L;

    private static final int CAPACITY = 256;

    private final long size;
    private final byte[] page = new byte[VmKernel.PAGE];
    /** The object's control port (in the manager's space), from memory_object_init. */
    private volatile int control = MACH_PORT_NULL;
    /** The manager thread's mach.defs stubs, set before it serves. */
    private volatile MachUser mach;
    /** The memory object port, a send right in the bench task's space. */
    final int object;
    private final int flush;

    /** Starts a manager for an object of {@code size} bytes in task {@code pager}; the bench task {@code k} sets it up. */
    BenchPager(VmKernel k, Task pager, long size) {
        this.size = size;
        ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putLong(0, VALUE);
        int pagerTask = k.taskPort(pager);
        int[] set = new int[1];
        VmKernel.check(k.traps.machPort().machPortAllocate(pagerTask, MACH_PORT_RIGHT_PORT_SET, set),
                "mach_port_allocate");
        int[] objectPort = k.portIn(pagerTask);
        int[] flushPort = k.portIn(pagerTask);
        VmKernel.check(k.traps.machPort().machPortMoveMember(pagerTask, objectPort[0], set[0]), "move_member");
        VmKernel.check(k.traps.machPort().machPortMoveMember(pagerTask, flushPort[0], set[0]), "move_member");
        object = objectPort[1];
        flush = flushPort[1];
        pager.threadCreate("pager", t -> serve(t, set[0]));
    }

    private void serve(MachTraps t, int portSet) {
        // Calls from inside the callbacks that carry out-of-line data (data_supply) take a MachUser of their own.
        mach = new MachUser(t.mig());
        MigTaskMemory memory = new MigTaskMemory(t);
        MachMsgServer.machMsgServerContinue(t, (in, out) -> in.msghId() == FLUSH_ID ? flushAll(out)
                : MemoryObjectServerDemux.memoryObjectServer(this, memory, in, out),
                Math.max(CAPACITY, MemoryObjectServerDemux.MSG_SIZE_MAX), portSet);
    }

    private boolean flushAll(MachMessage reply) {
        int c = control;
        int kr = c == MACH_PORT_NULL ? KERN_FAILURE
                : mach.memoryObjectLockRequest(c, 0, size, MEMORY_OBJECT_RETURN_NONE, 1, VM_PROT_NO_CHANGE,
                        MACH_PORT_NULL);
        return MigServer.reply(reply, kr);
    }

    /**
     * The bench task's RPC: the manager flushes the object's pages; returns
     * when it has. {@code k} is the bench task, {@code replyPort} its reply port.
     */
    void flush(VmKernel k, int replyPort, MachMessage msg) {
        msg.setHeader(machMsghBits(MACH_MSG_TYPE_COPY_SEND, MACH_MSG_TYPE_MAKE_SEND_ONCE), flush, replyPort,
                FLUSH_ID);
        int mr = k.traps.machMsgTrap(msg, MACH_SEND_MSG | MACH_RCV_MSG, msg.endBody(), msg.capacity(), replyPort,
                0, MACH_PORT_NULL);
        if (mr != MachMsgReturn.MACH_MSG_SUCCESS) {
            throw new IllegalStateException("flush RPC: " + MachMsgReturn.name(mr));
        }
        VmKernel.check(msg.buffer().getInt(MachMsgServer.RET_CODE_OFFSET), "memory_object_lock_request");
    }

    @Override
    public int memoryObjectInit(int memoryObject, int memoryControl, int memoryObjectName, long pageSize) {
        control = memoryControl;
        return mach.memoryObjectReady(memoryControl, 0, MEMORY_OBJECT_COPY_DELAY);
    }

    @Override
    public int memoryObjectDataRequest(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        byte[] data = length == page.length ? page : new byte[(int) length];
        return mach.memoryObjectDataSupply(memoryControl, offset, data, 0, 0, MACH_PORT_NULL);
    }

    @Override
    public int memoryObjectTerminate(int memoryObject, int memoryControl, int memoryObjectName) {
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectCopy(int oldMemoryObject, int oldMemoryControl, long offset, long length,
            int newMemoryObject) {
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectDataUnlock(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        return mach.memoryObjectLockRequest(memoryControl, offset, length, MEMORY_OBJECT_RETURN_NONE, 0, 0,
                MACH_PORT_NULL);
    }

    @Override
    public int memoryObjectLockCompleted(int memoryObject, int poly, int memoryControl, long offset, long length) {
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectSupplyCompleted(int memoryObject, int poly, int memoryControl, long offset,
            long length, int result, long errorOffset) {
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectDataReturn(int memoryObject, int memoryControl, long offset, byte[] data, int dirty,
            int kernelCopy) {
        return KERN_SUCCESS; // the bench's pages are clean; a returned one would be the constant page anyway
    }

    @Override
    public int memoryObjectChangeCompleted(int memoryObject, int poly, int mayCache, int copyStrategy) {
        return KERN_SUCCESS;
    }
}
