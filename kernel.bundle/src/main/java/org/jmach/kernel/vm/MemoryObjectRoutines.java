package org.jmach.kernel.vm;

import static org.jmach.mach.KernReturn.KERN_FAILURE;
import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_HOST;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;

import org.jmach.kernel.ipc.Ipc;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcNakedRight;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.vm.spi.MemoryObjectControl;
import org.jmach.vm.spi.VmSystem;

/**
 * The memory object control routines of {@code mach.defs}, which a memory
 * manager calls on a VM object's control port, and
 * vm_set_default_memory_manager (GNU Mach's {@code vm/memory_object.c}):
 * each finds the object behind the port ({@link #vmObjectLookup}) and
 * hands the call to it ({@link MemoryObjectControl}).
 *
 * <p>A {@code replyTo} is the handle of the right a polymorphic reply_to
 * argument carried (a send-once right, made by the manager's
 * MAKE_SEND_ONCE, or a send right). Once the object is found it is taken
 * from the request as an {@link IpcNakedRight} and given to the object,
 * which consumes it: it comes back to the kernel with the completion
 * message, or is released. A request refused before that leaves the right
 * to the request, which destroys it (a send-once right then sends its
 * send-once notification), as GNU Mach's kernel server destroys the
 * request of a routine that failed.
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it), no VM lock; nothing waits. The lookup takes no
 * reference (the request's send right holds the port).
 */
public final class MemoryObjectRoutines {

    private MemoryObjectRoutines() {
    }

    /**
     * Routine: vm_object_lookup (the intran of memory_object_control_t).
     * Returns: the object whose live control port the handle names, or
     * null (VM_OBJECT_NULL) for any other port: a task port, an object's
     * name port, a control port whose object has been terminated.
     */
    public static MemoryObjectControl vmObjectLookup(IpcKobjectRequest rq, int port) {
        return rq.kotype(port) == Ipc.IKOT_PAGING_REQUEST && rq.kobject(port) instanceof MemoryObjectControl c ? c
                : null;
    }

    /**
     * Routine: memory_object_data_supply. Purpose: pages for the object,
     * locked against {@code lockValue}, precious or not; supply_completed
     * to the reply right afterwards.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no object; else
     * the object's answer (KERN_INVALID_ARGUMENT for an unaligned offset or
     * size).
     */
    public static int dataSupply(IpcKobjectRequest rq, MemoryObjectControl object, long offset, byte[] data,
            int lockValue, boolean precious, int replyTo) {
        if (object == null) {
            return KERN_INVALID_ARGUMENT;
        }
        return object.dataSupply(offset, data, lockValue, precious, rq.takeNaked(replyTo));
    }

    /**
     * Routine: memory_object_data_unavailable. Purpose: no data there;
     * faults zero-fill. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no
     * object or an unaligned range.
     */
    public static int dataUnavailable(MemoryObjectControl object, long offset, long size) {
        return object == null ? KERN_INVALID_ARGUMENT : object.dataUnavailable(offset, size);
    }

    /**
     * Routine: memory_object_data_error. Purpose: the data cannot be had;
     * faults waiting there fail with KERN_MEMORY_ERROR. Returns:
     * KERN_SUCCESS; KERN_INVALID_ARGUMENT for no object or an unaligned
     * range.
     */
    public static int dataError(MemoryObjectControl object, long offset, long size, int errorValue) {
        return object == null ? KERN_INVALID_ARGUMENT : object.dataError(offset, size, errorValue);
    }

    /**
     * Routine: memory_object_lock_request. Purpose: lock, return and/or
     * flush the resident pages of the range; lock_completed to the reply
     * right afterwards.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no object; else
     * the object's answer (KERN_INVALID_ARGUMENT for bad arguments).
     */
    public static int lockRequest(IpcKobjectRequest rq, MemoryObjectControl object, long offset, long size,
            int shouldReturn, boolean shouldFlush, int lockValue, int replyTo) {
        if (object == null) {
            return KERN_INVALID_ARGUMENT;
        }
        return object.lockRequest(offset, size, shouldReturn, shouldFlush, lockValue, rq.takeNaked(replyTo));
    }

    /**
     * Routine: memory_object_get_attributes. Returns: KERN_SUCCESS with
     * whether the object is ready, whether it may be cached and its copy
     * strategy; KERN_INVALID_ARGUMENT for no object.
     */
    public static int getAttributes(MemoryObjectControl object, int[] objectReady, int[] mayCache,
            int[] copyStrategy) {
        if (object == null) {
            return KERN_INVALID_ARGUMENT;
        }
        int[] out = new int[3];
        int kr = object.getAttributes(out);
        if (kr == KERN_SUCCESS) {
            objectReady[0] = out[0];
            mayCache[0] = out[1];
            copyStrategy[0] = out[2];
        }
        return kr;
    }

    /**
     * Routine: memory_object_ready. Purpose: the manager has initialized
     * the object. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no object
     * or an unknown copy strategy.
     */
    public static int ready(MemoryObjectControl object, boolean mayCache, int copyStrategy) {
        return object == null ? KERN_INVALID_ARGUMENT : object.ready(mayCache, copyStrategy);
    }

    /**
     * Routine: memory_object_set_attributes (CMU Mach 3.0). Purpose: with
     * {@code objectReady}, as memory_object_ready; without, as
     * memory_object_change_attributes with no reply.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no object or an
     * unknown copy strategy.
     */
    public static int setAttributes(MemoryObjectControl object, boolean objectReady, boolean mayCache,
            int copyStrategy) {
        if (object == null) {
            return KERN_INVALID_ARGUMENT;
        }
        return objectReady ? object.ready(mayCache, copyStrategy)
                : object.changeAttributes(mayCache, copyStrategy, null);
    }

    /**
     * Routine: memory_object_change_attributes. Purpose: new attributes;
     * change_completed to the reply right afterwards.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no object or an
     * unknown copy strategy.
     */
    public static int changeAttributes(IpcKobjectRequest rq, MemoryObjectControl object, boolean mayCache,
            int copyStrategy, int replyTo) {
        if (object == null) {
            return KERN_INVALID_ARGUMENT;
        }
        return object.changeAttributes(mayCache, copyStrategy, rq.takeNaked(replyTo));
    }

    /**
     * Routine: memory_object_destroy. Purpose: the manager ends the object;
     * the kernel terminates it. Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT
     * for no object.
     */
    public static int destroy(MemoryObjectControl object, int reason) {
        return object == null ? KERN_INVALID_ARGUMENT : object.destroy(reason);
    }

    /**
     * Routine: vm_set_default_memory_manager. Purpose: with a send right in
     * {@code defaultManager[0]}, it becomes the default memory manager (VM
     * takes the right) and the previous one comes back: VM hands its send
     * right over to the reply. With MACH_PORT_NULL the current one stays
     * VM's, and the reply carries a copy of its send right (GNU Mach's
     * ipc_port_copy_send). MACH_PORT_NULL comes back if there is none.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_HOST without the privileged
     * host port ({@code hostPriv} false); KERN_FAILURE if VM is not booted.
     */
    public static int vmSetDefaultMemoryManager(IpcKobjectRequest rq, VmSystem vm, boolean hostPriv,
            int[] defaultManager) {
        if (!hostPriv) {
            return KERN_INVALID_HOST;
        }
        if (vm == null) {
            return KERN_FAILURE;
        }
        IpcPort manager = rq.takeSend(defaultManager[0]);
        Object previous = vm.setDefaultPager(manager);
        if (!(previous instanceof IpcPort p)) {
            defaultManager[0] = 0;
        } else if (manager == null) {
            defaultManager[0] = rq.copySend(p);
        } else {
            defaultManager[0] = rq.giveSend(p);
        }
        return KERN_SUCCESS;
    }
}
