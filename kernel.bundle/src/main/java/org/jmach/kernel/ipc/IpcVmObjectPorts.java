package org.jmach.kernel.ipc;

import org.jmach.vm.spi.MemoryObjectControl;

/**
 * The two kernel ports of a VM object (GNU Mach's {@code pager_request}
 * and {@code pager_name} of {@code vm/vm_object.h}): its control port
 * (IKOT_PAGING_REQUEST, memory_object_control_t), on which its memory
 * manager calls memory_object_data_supply, lock_request and the rest, and
 * its name port (IKOT_PAGING_NAME, memory_object_name_t), which only
 * identifies it (vm_region). Both ports' kernel object is the
 * {@link MemoryObjectControl}; the pair lives in its
 * {@link MemoryObjectControl#ports() ports slot}.
 *
 * <p>Lifecycle: made the first time the kernel needs them
 * (memory_object_init, memory_object_create, vm_region), both at once, with
 * their receive rights in the kernel's space. At memory_object_terminate
 * they stop standing for the object and their receive rights leave the
 * kernel for the manager ({@link #release}); the slot is emptied.
 *
 * <p>Conditions: the slot is read and written under the IPC lock.
 */
public final class IpcVmObjectPorts {

    final IpcPort control;
    final IpcPort name;

    private IpcVmObjectPorts(IpcPort control, IpcPort name) {
        this.control = control;
        this.name = name;
    }

    /**
     * The object's ports, made now if it has none yet.
     *
     * <p>Conditions: nothing locked but possibly the IPC lock; takes the IPC
     * lock (reentrant). Returns the ports.
     */
    public static IpcVmObjectPorts of(Ipc ipc, MemoryObjectControl object) {
        ipc.lock.lock();
        try {
            if (object.ports() instanceof IpcVmObjectPorts ports) {
                return ports;
            }
            IpcVmObjectPorts ports = new IpcVmObjectPorts(ipc.kernelPortAlloc(object, Ipc.IKOT_PAGING_REQUEST),
                    ipc.kernelPortAlloc(object, Ipc.IKOT_PAGING_NAME));
            object.setPorts(ports);
            return ports;
        } finally {
            ipc.lock.unlock();
        }
    }

    /** The control port (memory_object_control_t). */
    public IpcPort controlPort() {
        return control;
    }

    /** The name port (memory_object_name_t). */
    public IpcPort namePort() {
        return name;
    }

    /**
     * Routine: the port part of vm_object_terminate. Purpose: the object's
     * ports stop standing for it (no kernel object, IKOT_NONE) and their
     * receive rights leave the kernel's space, in limbo, for
     * memory_object_terminate to carry to the manager; the object's slot is
     * emptied. An object without ports gets new ones first, so that the
     * manager always receives two receive rights.
     *
     * <p>Conditions: the IPC lock held. Returns the ports, whose receive
     * rights the caller now owns.
     */
    static IpcVmObjectPorts release(Ipc ipc, MemoryObjectControl object) {
        IpcVmObjectPorts ports = of(ipc, object);
        object.setPorts(null);
        leaveKernel(ipc, ports.control);
        leaveKernel(ipc, ports.name);
        return ports;
    }

    /** Takes a kernel port's receive right out of the kernel's space, as a plain port. */
    private static void leaveKernel(Ipc ipc, IpcPort port) {
        port.kobject = null;
        port.kotype = Ipc.IKOT_NONE;
        if (port.receiver == ipc.kernelSpace) {
            IpcEntry entry = ipc.kernelSpace.lookup(port.receiverName);
            if (entry != null && entry.object == port) {
                ipc.kernelSpace.remove(entry);
            }
            port.clearReceiver(ipc);
        }
    }
}
