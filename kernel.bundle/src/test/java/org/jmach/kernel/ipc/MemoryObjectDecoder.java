package org.jmach.kernel.ipc;

import static org.jmach.mach.MachMsgReturn.MIG_NO_REPLY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.jmach.mach.MachMessage;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MemoryObjectDefaultServer;
import org.jmach.mach.MemoryObjectDefaultServerDemux;
import org.jmach.mach.MemoryObjectServer;
import org.jmach.mach.MemoryObjectServerDemux;
import org.jmach.mach.MigMemory;

/**
 * Reads a message of the kernel's to a memory manager with the demuxes MIG
 * generates from memory_object.defs and memory_object_default.defs, as a
 * user-level manager would: the kernel's messages must be exactly the ones
 * those files describe, or the demuxes' type checks refuse them.
 */
final class MemoryObjectDecoder implements MemoryObjectServer, MemoryObjectDefaultServer {

    /** What the demux called: the routine and its arguments (port names, values, out-of-line bytes). */
    record Call(String routine, List<Object> args) {
        Object arg(int i) {
            return args.get(i);
        }

        int intArg(int i) {
            return (Integer) args.get(i);
        }

        long longArg(int i) {
            return (Long) args.get(i);
        }
    }

    private Call call;

    /** Runs {@code message} (left untouched) through the demux of its subsystem; returns the call it made. */
    static Call decode(MachMessage message, MigMemory memory) {
        ByteBuffer copy = ByteBuffer.allocate(message.capacity());
        copy.put(0, message.buffer(), 0, message.capacity());
        MachMessage request = new MachMessage(copy);
        MemoryObjectDecoder decoder = new MemoryObjectDecoder();
        boolean served;
        MachMessage reply;
        if (message.msghId() >= 2250) {
            reply = new MachMessage(MemoryObjectDefaultServerDemux.MSG_SIZE_MAX);
            served = MemoryObjectDefaultServerDemux.memoryObjectDefaultServer(decoder, memory, request, reply);
        } else {
            reply = new MachMessage(MemoryObjectServerDemux.MSG_SIZE_MAX);
            served = MemoryObjectServerDemux.memoryObjectServer(decoder, memory, request, reply);
        }
        assertTrue(served, () -> "no memory object routine " + message.msghId());
        assertEquals(MIG_NO_REPLY, reply.buffer().getInt(MachMsgServer.RET_CODE_OFFSET),
                "every routine is a simpleroutine, and its arguments type-check");
        return decoder.call;
    }

    private int record(String routine, Object... args) {
        call = new Call(routine, Arrays.asList(args));
        return 0;
    }

    @Override
    public int memoryObjectInit(int memoryObject, int memoryControl, int memoryObjectName,
            long memoryObjectPageSize) {
        return record("init", memoryObject, memoryControl, memoryObjectName, memoryObjectPageSize);
    }

    @Override
    public int memoryObjectTerminate(int memoryObject, int memoryControl, int memoryObjectName) {
        return record("terminate", memoryObject, memoryControl, memoryObjectName);
    }

    @Override
    public int memoryObjectCopy(int oldMemoryObject, int oldMemoryControl, long offset, long length,
            int newMemoryObject) {
        return record("copy", oldMemoryObject, oldMemoryControl, offset, length, newMemoryObject);
    }

    @Override
    public int memoryObjectDataRequest(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        return record("dataRequest", memoryObject, memoryControl, offset, length, desiredAccess);
    }

    @Override
    public int memoryObjectDataUnlock(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        return record("dataUnlock", memoryObject, memoryControl, offset, length, desiredAccess);
    }

    @Override
    public int memoryObjectLockCompleted(int memoryObject, int memoryObjectPoly, int memoryControl, long offset,
            long length) {
        return record("lockCompleted", memoryObject, memoryObjectPoly, memoryControl, offset, length);
    }

    @Override
    public int memoryObjectSupplyCompleted(int memoryObject, int memoryObjectPoly, int memoryControl, long offset,
            long length, int result, long errorOffset) {
        return record("supplyCompleted", memoryObject, memoryObjectPoly, memoryControl, offset, length, result,
                errorOffset);
    }

    @Override
    public int memoryObjectDataReturn(int memoryObject, int memoryControl, long offset, byte[] data, int dirty,
            int kernelCopy) {
        return record("dataReturn", memoryObject, memoryControl, offset, data, dirty, kernelCopy);
    }

    @Override
    public int memoryObjectChangeCompleted(int memoryObject, int memoryObjectPoly, int mayCache,
            int copyStrategy) {
        return record("changeCompleted", memoryObject, memoryObjectPoly, mayCache, copyStrategy);
    }

    @Override
    public int memoryObjectCreate(int oldMemoryObject, int newMemoryObject, long newObjectSize, int newControlPort,
            int newName, long newPageSize) {
        return record("create", oldMemoryObject, newMemoryObject, newObjectSize, newControlPort, newName,
                newPageSize);
    }

    @Override
    public int memoryObjectDataInitialize(int memoryObject, int memoryControlPort, long offset, byte[] data) {
        return record("dataInitialize", memoryObject, memoryControlPort, offset, data);
    }
}
