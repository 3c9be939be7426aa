package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.Message.MACH_MSG_TYPE_MAKE_SEND;
import static org.jmach.mach.Port.MACH_PORT_NULL;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_PORT_SET;
import static org.jmach.mach.Port.MACH_PORT_RIGHT_RECEIVE;
import static org.jmach.vm.MemoryObjectConstants.MEMORY_OBJECT_COPY_DELAY;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jmach.kernel.kern.Startup;
import org.jmach.kernel.kern.Task;
import org.jmach.mach.MachHostUser;
import org.jmach.mach.MachMsgServer;
import org.jmach.mach.MachPortUser;
import org.jmach.mach.MachTraps;
import org.jmach.mach.MachUser;
import org.jmach.mach.MemoryObjectDefaultServer;
import org.jmach.mach.MemoryObjectDefaultServerDemux;
import org.jmach.mach.MemoryObjectServer;
import org.jmach.mach.MemoryObjectServerDemux;
import org.jmach.mach.MigTaskMemory;

/**
 * A memory manager written for the tests: a user-level task whose thread
 * serves memory_object.defs (and, as the default manager,
 * memory_object_default.defs) on a port set, keeping every object's pages
 * in a Java map. As an external manager it serves one memory object port
 * with pages given at start; as the default manager it registers with
 * vm_set_default_memory_manager and wires its thread (thread_wire).
 * Public for the tests of other packages (interpreted threads' faults).
 */
public final class TestPager implements MemoryObjectServer, MemoryObjectDefaultServer {

    final Task task;
    /** Pages by memory object port name (in the pager's space) and offset. */
    final Map<Integer, Map<Long, byte[]>> stores = new ConcurrentHashMap<>();
    final Map<Integer, Integer> controls = new ConcurrentHashMap<>();
    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** The memory object port (external) or the default manager port, in the pager's space. */
    final CompletableFuture<Integer> port = new CompletableFuture<>();
    volatile boolean precious;
    /** The copy strategy memory_object_ready announces. */
    volatile int copyStrategy = MEMORY_OBJECT_COPY_DELAY;
    /** While set, data_request waits for it before answering. */
    public volatile CountDownLatch hold;
    /** Set when the test "kills" the manager: requests get no answer. */
    volatile boolean dead;
    private volatile MachTraps traps;
    private int portSet;

    private TestPager(Startup kernel, String name, boolean isDefault, Map<Long, byte[]> pages) {
        task = kernel.taskCreate(name);
        int hostPriv = isDefault ? kernel.hostPrivGive(task) : MACH_PORT_NULL;
        task.threadCreate("server", t -> serve(t, isDefault, hostPriv, pages));
    }

    /** An external manager serving one object with these pages. */
    public static TestPager external(Startup kernel, String name, Map<Long, byte[]> pages) {
        return new TestPager(kernel, name, false, pages);
    }

    /** The default memory manager. */
    static TestPager defaultManager(Startup kernel) {
        return new TestPager(kernel, "default-pager", true, Map.of());
    }

    public int port() throws Exception {
        return port.get(10, TimeUnit.SECONDS);
    }

    private void serve(MachTraps t, boolean isDefault, int hostPriv, Map<Long, byte[]> pages) {
        traps = t;
        MachPortUser p = t.machPort();
        int self = t.machTaskSelf();
        int[] n = new int[1];
        check(p.machPortAllocate(self, MACH_PORT_RIGHT_PORT_SET, n));
        portSet = n[0];
        check(p.machPortAllocate(self, MACH_PORT_RIGHT_RECEIVE, n));
        int object = n[0];
        check(p.machPortMoveMember(self, object, portSet));
        if (isDefault) {
            check(new MachHostUser(t.mig()).threadWire(hostPriv, t.machThreadSelf(), 1));
            check(new MachUser(t.mig()).vmSetDefaultMemoryManager(hostPriv, new int[] {object}));
        } else {
            stores.put(object, new ConcurrentHashMap<>(pages));
        }
        port.complete(object);
        int size = Math.max(MemoryObjectServerDemux.MSG_SIZE_MAX, MemoryObjectDefaultServerDemux.MSG_SIZE_MAX);
        MachMsgServer.machMsgServer(t, (in, out) -> in.msghId() >= MemoryObjectDefaultServerDemux.BASE
                ? MemoryObjectDefaultServerDemux.memoryObjectDefaultServer(this, new MigTaskMemory(t), in, out)
                : MemoryObjectServerDemux.memoryObjectServer(this, new MigTaskMemory(t), in, out), size, portSet);
    }

    private static void check(int kr) {
        if (kr != KERN_SUCCESS) {
            throw new IllegalStateException("test pager: kern_return " + kr);
        }
    }

    /** The stubs for the manager's own calls from its server loop (which does not use the thread's MigUser). */
    private MachUser mach() {
        return new MachUser(traps.mig());
    }

    /** Runs {@code call} on a new thread of the pager's task (a manager's own calls) and returns its result. */
    int call(Function<MachTraps, Integer> call) throws Exception {
        CompletableFuture<Integer> r = new CompletableFuture<>();
        task.threadCreate("call", t -> r.complete(call.apply(t)));
        return r.get(10, TimeUnit.SECONDS);
    }

    public List<String> logged(String prefix) {
        synchronized (log) {
            return log.stream().filter(s -> s.startsWith(prefix)).toList();
        }
    }

    @Override
    public int memoryObjectInit(int memoryObject, int memoryControl, int memoryObjectName, long pageSize) {
        log.add("init");
        controls.put(memoryObject, memoryControl);
        return mach().memoryObjectReady(memoryControl, 0, copyStrategy);
    }

    @Override
    public int memoryObjectTerminate(int memoryObject, int memoryControl, int memoryObjectName) {
        log.add("terminate");
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectCopy(int oldMemoryObject, int oldMemoryControl, long offset, long length,
            int newMemoryObject) {
        log.add("copy " + offset + " " + length);
        Map<Long, byte[]> from = stores.getOrDefault(oldMemoryObject, Map.of());
        Map<Long, byte[]> copy = new ConcurrentHashMap<>();
        from.forEach((off, data) -> {
            if (off >= offset && off < offset + length) {
                copy.put(off, data.clone());
            }
        });
        stores.put(newMemoryObject, copy);
        return traps.machPort().machPortMoveMember(traps.machTaskSelf(), newMemoryObject, portSet);
    }

    @Override
    public int memoryObjectDataRequest(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        log.add("data_request " + offset);
        CountDownLatch h = hold;
        if (h != null) {
            try {
                h.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                java.lang.Thread.currentThread().interrupt();
            }
        }
        if (dead) {
            return KERN_SUCCESS;
        }
        byte[] data = stores.getOrDefault(memoryObject, Map.of()).get(offset);
        if (data == null) {
            return mach().memoryObjectDataUnavailable(memoryControl, offset, length);
        }
        int kr = mach().memoryObjectDataSupply(memoryControl, offset, data, 0, precious ? 1 : 0, MACH_PORT_NULL);
        if (kr != KERN_SUCCESS) {
            log.add("data_supply failed " + kr);
        }
        return kr;
    }

    @Override
    public int memoryObjectDataUnlock(int memoryObject, int memoryControl, long offset, long length,
            int desiredAccess) {
        log.add("data_unlock " + offset);
        return mach().memoryObjectLockRequest(memoryControl, offset, length, 0, 0, 0, MACH_PORT_NULL);
    }

    @Override
    public int memoryObjectLockCompleted(int memoryObject, int poly, int memoryControl, long offset,
            long length) {
        log.add("lock_completed " + offset + " " + length);
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectSupplyCompleted(int memoryObject, int poly, int memoryControl, long offset,
            long length, int result, long errorOffset) {
        log.add("supply_completed " + result);
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectDataReturn(int memoryObject, int memoryControl, long offset, byte[] data, int dirty,
            int kernelCopy) {
        log.add("data_return " + offset + (dirty != 0 ? " dirty" : " clean"));
        stores.computeIfAbsent(memoryObject, k -> new ConcurrentHashMap<>()).put(offset, data);
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectChangeCompleted(int memoryObject, int poly, int mayCache, int copyStrategy) {
        log.add("change_completed");
        return KERN_SUCCESS;
    }

    @Override
    public int memoryObjectCreate(int oldMemoryObject, int newMemoryObject, long size, int control, int name,
            long pageSize) {
        log.add("create");
        stores.put(newMemoryObject, new ConcurrentHashMap<>());
        controls.put(newMemoryObject, control);
        return traps.machPort().machPortMoveMember(traps.machTaskSelf(), newMemoryObject, portSet);
    }

    @Override
    public int memoryObjectDataInitialize(int memoryObject, int control, long offset, byte[] data) {
        log.add("data_initialize " + offset);
        stores.computeIfAbsent(memoryObject, k -> new ConcurrentHashMap<>()).put(offset, data);
        return KERN_SUCCESS;
    }

    /** Gives task {@code client} a send right to the pager's object port, under the same name. */
    public void giveSendRight(Startup kernel, Task client) throws Exception {
        int object = port();
        int clientPort = kernel.ipc().makeSendCopyout(client.ports().kernelPort(), task.space());
        check(call(t -> t.machPort().machPortInsertRight(clientPort, object, object, MACH_MSG_TYPE_MAKE_SEND)));
    }
}
