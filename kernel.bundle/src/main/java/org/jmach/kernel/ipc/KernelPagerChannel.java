package org.jmach.kernel.ipc;

import java.util.function.BiConsumer;

import org.jmach.mach.MemoryObjectDefaultUser;
import org.jmach.mach.MemoryObjectUser;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.PagerChannel;
import org.jmach.vm.spi.VmSystem;

/**
 * The kernel's side of {@code memory_object.defs} and
 * {@code memory_object_default.defs} (GNU Mach's calls to the generated
 * {@code memory_object_user} and {@code memory_object_default_user} stubs
 * in {@code vm/memory_object.c} and {@code vm/vm_object.c}): what VM says
 * to memory managers, sent as kernel messages through the MIG-generated
 * {@link MemoryObjectUser} and {@link MemoryObjectDefaultUser} stubs over
 * an {@link IpcKernelSender}. Every call is a simpleroutine: nothing waits
 * for the manager, and a kernel message ignores the queue limit, as GNU
 * Mach's kernel sends do. A message to a dead port is destroyed with the
 * rights it carries.
 *
 * <p>Handles VM holds: a <em>pager</em> is the {@link IpcPort} of a memory
 * object (or of the default memory manager) for which the kernel holds one
 * send right on VM's behalf; a <em>reply</em> is an {@link IpcNakedRight}
 * taken from a control routine's request. A VM object's control and name
 * ports are {@link IpcVmObjectPorts}, made when first needed.
 *
 * <p>Manager death: {@link #init} and {@link #create} put the kernel's own
 * dead-name request on the pager's port ({@link IpcPort#kernelDnrequest}),
 * and {@link #create} on the default manager's port too;
 * when that port dies (its receive right destroyed: the manager task
 * terminated, the right deallocated, or its message destroyed) the request
 * calls {@link VmSystem#managerDied} with the pager handle, under the IPC
 * lock, once. {@link #terminate} withdraws it. A port with a
 * port-destroyed request does not die: its receive right goes to the
 * requester, who may serve the object on (a replacement manager).
 *
 * <p>Conditions, for every routine: no VM lock held; nothing or the IPC
 * lock held; each takes the IPC lock (reentrant), so that lock order is
 * IPC, then VM, everywhere. {@link VmSystem#managerDied} runs with the IPC
 * lock held and may call back into this channel.
 */
public final class KernelPagerChannel implements PagerChannel {

    private final Ipc ipc;
    private volatile VmSystem vm;

    /** A channel over {@code ipc}; {@link #attach} gives it the VM it reports deaths to. */
    public KernelPagerChannel(Ipc ipc) {
        this.ipc = ipc;
    }

    /** The VM system that {@link VmSystem#managerDied} is called on. Conditions: once, after boot. */
    public void attach(VmSystem vm) {
        this.vm = vm;
    }

    /**
     * Routine: memory_object_init. Purpose: tells the manager the kernel
     * starts using the object: send rights to its control and name ports
     * (made now if it has none), and the page size; and watches the pager's
     * port for its death. The pager handle stays VM's.
     */
    @Override
    public void init(Object pager, MemoryObjectControl control, long pageSize) {
        toPager(pager, (k, p) -> {
            IpcVmObjectPorts ports = IpcVmObjectPorts.of(ipc, control);
            watch(p);
            new MemoryObjectUser(k).memoryObjectInit(k.give(copySend(p)), k.give(makeSend(ports.control)),
                    k.give(makeSend(ports.name)), pageSize);
        });
    }

    /** Routine: memory_object_data_request. The pager handle stays VM's. */
    @Override
    public void dataRequest(Object pager, MemoryObjectControl control, long offset, long length, int desiredAccess) {
        toPager(pager, (k, p) -> new MemoryObjectUser(k).memoryObjectDataRequest(k.give(copySend(p)),
                k.give(controlSend(control)), offset, length, desiredAccess));
    }

    /** Routine: memory_object_data_unlock. The pager handle stays VM's. */
    @Override
    public void dataUnlock(Object pager, MemoryObjectControl control, long offset, long length, int desiredAccess) {
        toPager(pager, (k, p) -> new MemoryObjectUser(k).memoryObjectDataUnlock(k.give(copySend(p)),
                k.give(controlSend(control)), offset, length, desiredAccess));
    }

    /**
     * Routine: memory_object_data_return. Purpose: pages going back, out of
     * line (a byte[] until out-of-line data moves by mapping). The pager
     * handle stays VM's.
     */
    @Override
    public void dataReturn(Object pager, MemoryObjectControl control, long offset, byte[] data, boolean dirty,
            boolean kernelCopy) {
        toPager(pager, (k, p) -> new MemoryObjectUser(k).memoryObjectDataReturn(k.give(copySend(p)),
                k.give(controlSend(control)), offset, data, dirty ? 1 : 0, kernelCopy ? 1 : 0));
    }

    /** Routine: memory_object_lock_completed, on the lock_request's reply right, which it consumes. */
    @Override
    public void lockCompleted(Object reply, MemoryObjectControl control, long offset, long length) {
        toReply(reply, (k, r) -> new MemoryObjectUser(k).memoryObjectLockCompleted(k.give(r.port),
                r.moveDisposition(), k.give(controlSend(control)), offset, length));
    }

    /** Routine: memory_object_supply_completed, on the data_supply's reply right, which it consumes. */
    @Override
    public void supplyCompleted(Object reply, MemoryObjectControl control, long offset, long length, int result,
            long errorOffset) {
        toReply(reply, (k, r) -> new MemoryObjectUser(k).memoryObjectSupplyCompleted(k.give(r.port),
                r.moveDisposition(), k.give(controlSend(control)), offset, length, result, errorOffset));
    }

    /** Routine: memory_object_change_completed, on the change_attributes' reply right, which it consumes. */
    @Override
    public void changeCompleted(Object reply, boolean mayCache, int copyStrategy) {
        toReply(reply, (k, r) -> new MemoryObjectUser(k).memoryObjectChangeCompleted(k.give(r.port),
                r.moveDisposition(), mayCache ? 1 : 0, copyStrategy));
    }

    /**
     * Routine: memory_object_terminate. Purpose: the kernel is done with the
     * object: the pager's port is no longer watched, the object's control
     * and name ports stop standing for it, and the message carries the
     * pager handle's send right and both receive rights to the manager (to
     * a dead manager, the message and the ports with it are destroyed).
     * This is also how VM lets the kernel free an object's ports when the
     * object ends with a dead pager (the message is destroyed) or with none
     * ({@code pager} null: the ports are destroyed); otherwise they stay in
     * the kernel's space, standing for the ended object.
     * Conditions: the pager handle, if any, is consumed.
     */
    @Override
    public void terminate(Object pager, MemoryObjectControl control) {
        ipc.lock.lock();
        try {
            IpcPort p = port(pager);
            IpcVmObjectPorts ports = IpcVmObjectPorts.release(ipc, control);
            if (p == null) {
                ports.control.destroy(ipc);
                ports.name.destroy(ipc);
                return;
            }
            p.kernelDnrequest = null;
            IpcKernelSender k = new IpcKernelSender(ipc);
            new MemoryObjectUser(k).memoryObjectTerminate(k.give(p), k.give(ports.control), k.give(ports.name));
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: memory_object_create, to the default memory manager. Purpose:
     * a new memory object port for an internal object: its receive right
     * goes to the manager with a copy of the kernel's send right to the
     * manager, the object's size, send rights to its control and name
     * ports, and the page size. The kernel keeps a send right to the new
     * port, watched for its death, as the returned pager handle; the
     * default manager's port is watched from now on as well (its death
     * reaches {@link VmSystem#managerDied} with VM's handle to it).
     *
     * <p>Returns: the handle; null if {@code defaultPager} is none, dead, or
     * a kernel port (no manager would receive the object).
     */
    @Override
    public Object create(Object defaultPager, MemoryObjectControl control, long size, long pageSize) {
        ipc.lock.lock();
        try {
            IpcPort manager = port(defaultPager);
            if (manager == null || !manager.active || manager.isKernelPort()) {
                return null;
            }
            IpcVmObjectPorts ports = IpcVmObjectPorts.of(ipc, control);
            IpcPort object = newMemoryObjectPort();
            IpcKernelSender k = new IpcKernelSender(ipc);
            new MemoryObjectDefaultUser(k).memoryObjectCreate(k.give(copySend(manager)), k.give(object), size,
                    k.give(makeSend(ports.control)), k.give(makeSend(ports.name)), pageSize);
            watch(object);
            watch(manager);
            return object;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Routine: memory_object_copy. Purpose: a new port whose receive right
     * goes to the object's manager, to stand for a copy of the range
     * (MEMORY_OBJECT_COPY_CALL). Returns the kernel's send right to it (the
     * VM's handle, watched for death), or null if the manager is gone.
     */
    @Override
    public Object copy(Object pager, MemoryObjectControl control, long offset, long length) {
        ipc.lock.lock();
        try {
            IpcPort manager = port(pager);
            if (manager == null || !manager.active || manager.isKernelPort()) {
                return null;
            }
            IpcVmObjectPorts ports = IpcVmObjectPorts.of(ipc, control);
            IpcPort copy = newMemoryObjectPort();
            IpcKernelSender k = new IpcKernelSender(ipc);
            new MemoryObjectUser(k).memoryObjectCopy(k.give(copySend(manager)), k.give(makeSend(ports.control)),
                    offset, length, k.give(copy));
            watch(copy);
            return copy;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * A new memory object port for a manager: its receive right in limbo,
     * for the message that gives it, and one send right, the kernel's (the
     * handle VM gets). Conditions: the IPC lock held.
     */
    private IpcPort newMemoryObjectPort() {
        IpcPort port = new IpcPort(ipc.defaultQlimit());
        port.mscount++;
        port.srights++;
        return port;
    }

    /** Routine: memory_object_data_initialize, to the default memory manager. The pager handle stays VM's. */
    @Override
    public void dataInitialize(Object pager, MemoryObjectControl control, long offset, byte[] data) {
        toPager(pager, (k, p) -> new MemoryObjectDefaultUser(k).memoryObjectDataInitialize(k.give(copySend(p)),
                k.give(controlSend(control)), offset, data));
    }

    /**
     * Routine: ipc_port_release_send (a pager handle) or the destruction of
     * an unused naked right (a reply handle: a send-once right sends its
     * send-once notification, as when the kernel destroys a request that
     * carried it). The last send right to a port fires its no-senders
     * request. Conditions: the handle is consumed; null is ignored.
     */
    @Override
    public void release(Object handle) {
        ipc.lock.lock();
        try {
            if (handle instanceof IpcPort p) {
                IpcRight.releaseSend(ipc, p);
            } else if (handle instanceof IpcNakedRight) {
                IpcNakedRight r = consume(handle);
                if (r != null) {
                    IpcRight.destroyCarried(ipc, r.port, r.type);
                }
            }
        } finally {
            ipc.lock.unlock();
        }
    }

    /** Whether the pager's port is alive (its receive right not destroyed). */
    @Override
    public boolean alive(Object pager) {
        ipc.lock.lock();
        try {
            IpcPort p = port(pager);
            return p != null && p.active;
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * The pager's queue length. VM asks it under its own lock, which comes
     * after the IPC lock in the lock order: so it is read without the IPC
     * lock, from the count the queue keeps for that.
     */
    @Override
    public int backlog(Object pager) {
        IpcPort p = port(pager);
        return p == null ? 0 : p.queued;
    }

    /**
     * Sends a simpleroutine to a pager: under the IPC lock, {@code message}
     * writes it with a fresh kernel sender and the pager's port. Nothing is
     * sent for a handle that names no port. Conditions: takes the IPC lock
     * (reentrant); the pager handle stays VM's.
     */
    private void toPager(Object pager, BiConsumer<IpcKernelSender, IpcPort> message) {
        ipc.lock.lock();
        try {
            IpcPort p = port(pager);
            if (p != null) {
                message.accept(new IpcKernelSender(ipc), p);
            }
        } finally {
            ipc.lock.unlock();
        }
    }

    /**
     * Sends a completion to a reply handle, which it consumes; nothing for
     * a handle that is none or was consumed already. Conditions: takes the
     * IPC lock (reentrant).
     */
    private void toReply(Object reply, BiConsumer<IpcKernelSender, IpcNakedRight> message) {
        ipc.lock.lock();
        try {
            IpcNakedRight r = consume(reply);
            if (r != null) {
                message.accept(new IpcKernelSender(ipc), r);
            }
        } finally {
            ipc.lock.unlock();
        }
    }

    // ---- Helpers (the IPC lock held) ----

    /** The port of a pager handle, or null for none. */
    private static IpcPort port(Object pager) {
        return pager instanceof IpcPort p ? p : null;
    }

    /** Marks a reply handle consumed; null if it is none or was consumed already. */
    private static IpcNakedRight consume(Object reply) {
        if (!(reply instanceof IpcNakedRight r) || r.consumed) {
            return null;
        }
        r.consumed = true;
        return r;
    }

    /**
     * Puts the kernel's dead-name request on a live pager port: its death
     * calls {@link VmSystem#managerDied} with the port, the handle VM holds.
     */
    private void watch(IpcPort p) {
        if (p.active) {
            p.kernelDnrequest = () -> managerDied(p);
        }
    }

    /** The kernel's dead-name request fired: tells VM. A failure of VM's must not unwind the IPC code. */
    private void managerDied(IpcPort p) {
        VmSystem v = vm;
        if (v == null) {
            return;
        }
        try {
            v.managerDied(p);
        } catch (RuntimeException e) {
            System.err.println("jmach: managerDied failed in VM: " + e);
        }
    }

    /** Routine: ipc_port_copy_send, for the message: one more send right to {@code p}. */
    private static IpcPort copySend(IpcPort p) {
        p.srights++;
        return p;
    }

    /** Routine: ipc_port_make_send, for the message: a new send right, or DEAD for a dead port. */
    private static IpcObject makeSend(IpcPort p) {
        if (!p.active) {
            return IpcObject.DEAD;
        }
        IpcRight.makeSendLocked(p);
        return p;
    }

    /** A new send right to the object's control port (made now if it has none). */
    private IpcObject controlSend(MemoryObjectControl control) {
        return makeSend(IpcVmObjectPorts.of(ipc, control).control);
    }
}
