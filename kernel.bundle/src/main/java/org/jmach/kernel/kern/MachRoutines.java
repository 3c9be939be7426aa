package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE_COUNT;
import static org.jmach.mach.RiscvThreadState.RISCV_FLOAT_STATE;
import static org.jmach.mach.RiscvThreadState.RISCV_FLOAT_STATE_COUNT;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE;
import static org.jmach.mach.RiscvThreadState.RISCV_THREAD_STATE_COUNT;

import org.jmach.hw.Machine;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.kernel.mig.MachServer;
import org.jmach.kernel.mig.MachServerDemux;
import org.jmach.kernel.vm.MemoryObjectRoutines;
import org.jmach.kernel.vm.VmUserRoutines;
import org.jmach.mach.MachIds;
import org.jmach.mach.MigOut;
import org.jmach.mach.NativeThreadState;
import org.jmach.mach.RiscvFloatState;
import org.jmach.mach.RiscvThreadState;
import org.jmach.vm.spi.MemoryObjectControl;

/**
 * The kernel's implementation of {@code mach.defs} for one request sent to
 * a task, thread, host or VM object control port: the task and thread
 * routines (GNU Mach's {@code kern/task.c}, {@code kern/thread.c},
 * {@code kern/ipc_tt.c}); vm_allocate and vm_deallocate through the
 * task's {@link TaskMemory}, the other VM routines on its address map
 * ({@link VmUserRoutines}, GNU Mach's {@code vm/vm_user.c}); the memory
 * object control routines and
 * vm_set_default_memory_manager ({@link MemoryObjectRoutines},
 * {@code vm/memory_object.c}).
 *
 * <p>Conversions: vm_task_t converts to the task (its map is
 * {@link Task#map}), memory_object_control_t to the VM object behind a
 * control port, host_priv_t to the host, and memory_object_t
 * (null_conversion) keeps the request's handle, from which vm_map takes
 * the send right.
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it); scheduling state is changed under the scheduler
 * lock, taken inside. A routine given no live task returns
 * KERN_INVALID_TASK (task routines) or KERN_INVALID_ARGUMENT (thread
 * routines), as GNU Mach's conversions to TASK_NULL and THREAD_NULL do.
 */
final class MachRoutines extends KobjectRoutines
        implements MachServer<Task, Thread, Task, MemoryObjectControl, Host, Integer> {

    private final Startup kernel;

    private MachRoutines(Startup kernel, IpcKobjectRequest rq) {
        super(rq);
        this.kernel = kernel;
    }

    /** The subsystem as the kernel serves it: mach.defs on task and thread ports. */
    static IpcKobjectServer kobjectServer(Startup kernel) {
        return new IpcKobjectServer(MachIds.BASE, MachIds.END, MachServerDemux.REPLY_SIZE_MAX,
                (rq, in, out) -> MachServerDemux.machServer(new MachRoutines(kernel, rq), rq, in, out));
    }

    /** Routine: vm_object_lookup; see {@link MemoryObjectRoutines#vmObjectLookup}. */
    @Override
    public MemoryObjectControl vmObjectLookup(int port) {
        return MemoryObjectRoutines.vmObjectLookup(rq, port);
    }

    /**
     * Routine: null_conversion (memory_object_t). Returns: the handle
     * itself; vm_map takes the send right once its arguments are checked.
     */
    @Override
    public Integer nullConversion(int port) {
        return port;
    }

    // ---- Tasks ----

    /**
     * Routine: task_create. Purpose: a child task in the parent's set with
     * its priorities, named "(parent)". With {@code inheritMemory} its
     * address map is built from the parent's by each region's inheritance
     * (share, copy-on-write copy, none); else it starts empty.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_TASK for no live parent.
     */
    @Override
    public int taskCreate(Task parent, int inheritMemory, MigOut<Task> child) {
        if (parent == null) {
            return KERN_INVALID_TASK;
        }
        child.value = kernel.taskCreate("(" + parent.name() + ")", parent, inheritMemory != 0);
        return KERN_SUCCESS;
    }

    /** Routine: task_terminate; see {@link Task#terminate}. Returns KERN_INVALID_ARGUMENT for no live task. */
    @Override
    public int taskTerminate(Task task) {
        return task == null ? KERN_INVALID_ARGUMENT : task.terminate();
    }

    /**
     * Routine: task_threads. Purpose: send rights to the task's live threads.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no live task.
     */
    @Override
    public int taskThreads(Task task, int[][] list) {
        if (task == null) {
            return KERN_INVALID_ARGUMENT;
        }
        list[0] = sendRights(task.threads(), t -> t.ports().kernelPort());
        return KERN_SUCCESS;
    }

    /** Routine: task_info; see {@link Info#taskInfo}. */
    @Override
    public int taskInfo(Task task, int flavor, int[] info, int[] count) {
        return task == null ? KERN_INVALID_ARGUMENT : Info.taskInfo(task, flavor, info, count);
    }

    /**
     * Routine: task_suspend. Purpose: one more suspension; the task's
     * threads stop (a running one at its next kernel entry or exit).
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no live task.
     */
    @Override
    public int taskSuspend(Task task) {
        return task == null ? KERN_INVALID_ARGUMENT : task.sched().suspend(task, null, 1);
    }

    /**
     * Routine: task_resume. Purpose: one suspension less; at zero, the
     * threads not suspended themselves run again.
     * Returns: KERN_SUCCESS; KERN_FAILURE if the task was not suspended;
     * KERN_INVALID_ARGUMENT for no live task.
     */
    @Override
    public int taskResume(Task task) {
        return task == null ? KERN_INVALID_ARGUMENT : task.sched().suspend(task, null, -1);
    }

    /**
     * Routine: task_get_special_port. Returns: KERN_SUCCESS with a send
     * right (MACH_PORT_NULL if unset); KERN_INVALID_ARGUMENT for an unknown
     * id or no live task.
     */
    @Override
    public int taskGetSpecialPort(Task task, int which, int[] port) {
        return task == null ? KERN_INVALID_ARGUMENT : getSpecial(task.ports(), which, port);
    }

    /**
     * Routine: task_set_special_port. Purpose: the task keeps the send right
     * given (MACH_PORT_NULL clears). Returns: KERN_SUCCESS;
     * KERN_INVALID_ARGUMENT for an unknown id, the kernel port, or no live task.
     */
    @Override
    public int taskSetSpecialPort(Task task, int which, int port) {
        return task == null ? KERN_INVALID_ARGUMENT : task.ports().setSpecialPortRight(which, rq.takeSend(port));
    }

    private int getSpecial(org.jmach.kernel.ipc.IpcTt ports, int which, int[] port) {
        IpcPort[] right = new IpcPort[1];
        int kr = ports.specialPort(which, right);
        if (kr == KERN_SUCCESS) {
            port[0] = rq.giveSend(right[0]);
        }
        return kr;
    }

    // ---- Threads ----

    /**
     * Routine: thread_create. Purpose: a new thread of the task, suspended
     * once, in the task's set with its priorities; it runs at the program
     * counter of its register set when resumed.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no live task.
     */
    @Override
    public int threadCreate(Task task, MigOut<Thread> child) {
        Thread t = task == null ? null : task.threadCreateSuspended(null);
        if (t == null) {
            return KERN_INVALID_ARGUMENT;
        }
        child.value = t;
        return KERN_SUCCESS;
    }

    /** Routine: thread_terminate; see {@link Thread#terminate}. */
    @Override
    public int threadTerminate(Thread thread) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        thread.terminate();
        return KERN_SUCCESS;
    }

    /**
     * Routine: thread_get_state. Purpose: the registers of one flavor:
     * NATIVE_THREAD_STATE (a native thread's), RISCV_THREAD_STATE or
     * RISCV_FLOAT_STATE (an interpreted thread's, {@link RiscvThreadState}).
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown flavor, a
     * RISC-V flavor of a native thread, a count too small, or no live thread.
     */
    @Override
    public int threadGetState(Thread thread, int flavor, int[] state, int[] count) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        Interpreter in = thread.interpreter();
        int size = switch (flavor) {
            case NATIVE_THREAD_STATE -> NATIVE_THREAD_STATE_COUNT;
            case RISCV_THREAD_STATE -> in == null ? -1 : RISCV_THREAD_STATE_COUNT;
            case RISCV_FLOAT_STATE -> in == null ? -1 : RISCV_FLOAT_STATE_COUNT;
            default -> -1;
        };
        if (size < 0 || Info.check(size, state, count) != KERN_SUCCESS) {
            return KERN_INVALID_ARGUMENT;
        }
        switch (flavor) {
            case RISCV_THREAD_STATE -> in.state().encode(state);
            case RISCV_FLOAT_STATE -> in.floatState().encode(state);
            default -> thread.nativeState().encode(state);
        }
        count[0] = size;
        return KERN_SUCCESS;
    }

    /**
     * Routine: thread_set_state. Purpose: set the registers; a thread not
     * yet started starts at the new program counter. A RISC-V flavor makes
     * a thread that has not yet run interpreted: resumed, it runs the RISC-V
     * code of its task's memory at its pc.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for an unknown flavor, too
     * few words, a RISC-V flavor for a native thread that already runs, or
     * no live thread.
     */
    @Override
    public int threadSetState(Thread thread, int flavor, int[] state) {
        if (thread == null || state == null) {
            return KERN_INVALID_ARGUMENT;
        }
        switch (flavor) {
            case NATIVE_THREAD_STATE -> {
                if (state.length < NATIVE_THREAD_STATE_COUNT) {
                    return KERN_INVALID_ARGUMENT;
                }
                thread.setNativeState(NativeThreadState.decode(state));
            }
            case RISCV_THREAD_STATE, RISCV_FLOAT_STATE -> {
                int size = flavor == RISCV_THREAD_STATE ? RISCV_THREAD_STATE_COUNT : RISCV_FLOAT_STATE_COUNT;
                Interpreter in = state.length < size ? null : thread.interpreterForState();
                if (in == null) {
                    return KERN_INVALID_ARGUMENT;
                }
                if (flavor == RISCV_THREAD_STATE) {
                    in.setState(RiscvThreadState.decode(state));
                } else {
                    in.setFloatState(RiscvFloatState.decode(state));
                }
            }
            default -> {
                return KERN_INVALID_ARGUMENT;
            }
        }
        return KERN_SUCCESS;
    }

    /** Routine: thread_info; see {@link Info#threadInfo}. */
    @Override
    public int threadInfo(Thread thread, int flavor, int[] info, int[] count) {
        return thread == null ? KERN_INVALID_ARGUMENT : Info.threadInfo(thread, flavor, info, count);
    }

    /**
     * Routine: thread_suspend. Purpose: one more suspension of the thread;
     * a running thread stops at its next kernel entry or exit.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for no live thread.
     */
    @Override
    public int threadSuspend(Thread thread) {
        return thread == null ? KERN_INVALID_ARGUMENT : thread.sched().suspend(null, thread, 1);
    }

    /**
     * Routine: thread_resume. Purpose: one suspension less; at zero the
     * thread runs again, or starts, if new, at its program counter.
     * Returns: KERN_SUCCESS; KERN_FAILURE if it was not suspended;
     * KERN_INVALID_ARGUMENT for no live thread.
     */
    @Override
    public int threadResume(Thread thread) {
        if (thread == null) {
            return KERN_INVALID_ARGUMENT;
        }
        int kr = thread.sched().suspend(null, thread, -1);
        if (kr == KERN_SUCCESS && thread.sched().claimStart(thread)) {
            Interpreter in = thread.interpreter();
            if (in != null) {
                thread.start(in::run);
            } else {
                thread.start(traps -> NativeStart.run(thread, traps));
            }
        }
        return kr;
    }

    /** Routine: thread_abort; see {@link Thread#abort}. */
    @Override
    public int threadAbort(Thread thread) {
        return thread == null ? KERN_INVALID_ARGUMENT : thread.abort();
    }

    /** Routine: thread_get_special_port (THREAD_KERNEL_PORT, THREAD_EXCEPTION_PORT). */
    @Override
    public int threadGetSpecialPort(Thread thread, int which, int[] port) {
        return thread == null ? KERN_INVALID_ARGUMENT : getSpecial(thread.ports(), which, port);
    }

    /** Routine: thread_set_special_port (THREAD_EXCEPTION_PORT). */
    @Override
    public int threadSetSpecialPort(Thread thread, int which, int port) {
        return thread == null ? KERN_INVALID_ARGUMENT
                : thread.ports().setSpecialPortRight(which, rq.takeSend(port));
    }

    // ---- Memory ----

    /**
     * Routine: vm_allocate. Purpose: zero-filled memory, page-aligned:
     * anywhere (the address chosen comes back) or at {@code address[0]}.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_TASK for no live task;
     * KERN_INVALID_ARGUMENT for a size that is not positive or a fixed
     * address that is not page-aligned; KERN_NO_SPACE if the range cannot be had.
     */
    @Override
    public int vmAllocate(Task task, long[] address, long size, int anywhere) {
        TaskMemory map = task == null ? null : task.memory();
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        if (size <= 0) {
            return KERN_INVALID_ARGUMENT;
        }
        if (anywhere != 0) {
            long a = map.allocate(size);
            if (a < 0) {
                return KERN_NO_SPACE;
            }
            address[0] = a;
            return KERN_SUCCESS;
        }
        if ((address[0] & (Machine.PAGE_SIZE - 1)) != 0) {
            return KERN_INVALID_ARGUMENT;
        }
        return map.allocateFixed(address[0], size) ? KERN_SUCCESS : KERN_NO_SPACE;
    }

    /**
     * Routine: vm_deallocate. Purpose: release whole pages of a range.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_TASK for no live task;
     * KERN_INVALID_ARGUMENT if the range is not the task's.
     */
    @Override
    public int vmDeallocate(Task task, long address, long size) {
        TaskMemory map = task == null ? null : task.memory();
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        return map.deallocate(address, size) ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
    }

    /** Routine: vm_protect; see {@link VmUserRoutines#vmProtect}. */
    @Override
    public int vmProtect(Task task, long address, long size, int setMaximum, int newProtection) {
        return VmUserRoutines.vmProtect(map(task), address, size, setMaximum != 0, newProtection);
    }

    /** Routine: vm_inherit; see {@link VmUserRoutines#vmInherit}. */
    @Override
    public int vmInherit(Task task, long address, long size, int newInheritance) {
        return VmUserRoutines.vmInherit(map(task), address, size, newInheritance);
    }

    /** Routine: vm_read; see {@link VmUserRoutines#vmRead}. */
    @Override
    public int vmRead(Task task, long address, long size, byte[][] data) {
        return VmUserRoutines.vmRead(map(task), address, size, data);
    }

    /** Routine: vm_write; see {@link VmUserRoutines#vmWrite}. */
    @Override
    public int vmWrite(Task task, long address, byte[] data) {
        return VmUserRoutines.vmWrite(kernel.vm(), map(task), address, data);
    }

    /** Routine: vm_copy; see {@link VmUserRoutines#vmCopy}. */
    @Override
    public int vmCopy(Task task, long sourceAddress, long size, long destAddress) {
        return VmUserRoutines.vmCopy(map(task), sourceAddress, size, destAddress);
    }

    /** Routine: vm_region; see {@link VmUserRoutines#vmRegion}. */
    @Override
    public int vmRegion(Task task, long[] address, long[] size, int[] protection, int[] maxProtection,
            int[] inheritance, int[] isShared, int[] objectName, long[] offset) {
        return VmUserRoutines.vmRegion(kernel.ipc(), rq, map(task), address, size, protection, maxProtection,
                inheritance, isShared, objectName, offset);
    }

    /** Routine: vm_statistics; see {@link VmUserRoutines#vmStatistics}. */
    @Override
    public int vmStatistics(Task task, int[][] vmStats) {
        return VmUserRoutines.vmStatistics(kernel.vm(), map(task), vmStats);
    }

    /** Routine: vm_map; see {@link VmUserRoutines#vmMap}. */
    @Override
    public int vmMap(Task task, long[] address, long size, long mask, int anywhere, Integer memoryObject,
            long offset, int copy, int curProtection, int maxProtection, int inheritance) {
        return VmUserRoutines.vmMap(rq, kernel.vm(), map(task), address, size, mask, anywhere != 0, memoryObject,
                offset, copy != 0, curProtection, maxProtection, inheritance);
    }

    // ---- Memory objects: calls of managers on control ports ----

    /** Routine: memory_object_data_unavailable; see {@link MemoryObjectRoutines#dataUnavailable}. */
    @Override
    public int memoryObjectDataUnavailable(MemoryObjectControl object, long offset, long size) {
        return MemoryObjectRoutines.dataUnavailable(object, offset, size);
    }

    /** Routine: memory_object_get_attributes; see {@link MemoryObjectRoutines#getAttributes}. */
    @Override
    public int memoryObjectGetAttributes(MemoryObjectControl object, int[] objectReady, int[] mayCache,
            int[] copyStrategy) {
        return MemoryObjectRoutines.getAttributes(object, objectReady, mayCache, copyStrategy);
    }

    /** Routine: vm_set_default_memory_manager; see {@link MemoryObjectRoutines#vmSetDefaultMemoryManager}. */
    @Override
    public int vmSetDefaultMemoryManager(Host hostPriv, int[] defaultManager) {
        return MemoryObjectRoutines.vmSetDefaultMemoryManager(rq, kernel.vm(), hostPriv != null, defaultManager);
    }

    /** Routine: memory_object_lock_request; see {@link MemoryObjectRoutines#lockRequest}. */
    @Override
    public int memoryObjectLockRequest(MemoryObjectControl object, long offset, long size, int shouldReturn,
            int shouldFlush, int lockValue, int replyTo) {
        return MemoryObjectRoutines.lockRequest(rq, object, offset, size, shouldReturn, shouldFlush != 0, lockValue,
                replyTo);
    }

    /** Routine: memory_object_data_error; see {@link MemoryObjectRoutines#dataError}. */
    @Override
    public int memoryObjectDataError(MemoryObjectControl object, long offset, long size, int errorValue) {
        return MemoryObjectRoutines.dataError(object, offset, size, errorValue);
    }

    /** Routine: memory_object_set_attributes; see {@link MemoryObjectRoutines#setAttributes}. */
    @Override
    public int memoryObjectSetAttributes(MemoryObjectControl object, int objectReady, int mayCache,
            int copyStrategy) {
        return MemoryObjectRoutines.setAttributes(object, objectReady != 0, mayCache != 0, copyStrategy);
    }

    /** Routine: memory_object_destroy; see {@link MemoryObjectRoutines#destroy}. */
    @Override
    public int memoryObjectDestroy(MemoryObjectControl object, int reason) {
        return MemoryObjectRoutines.destroy(object, reason);
    }

    /** Routine: memory_object_data_supply; see {@link MemoryObjectRoutines#dataSupply}. */
    @Override
    public int memoryObjectDataSupply(MemoryObjectControl object, long offset, byte[] data, int lockValue,
            int precious, int replyTo) {
        return MemoryObjectRoutines.dataSupply(rq, object, offset, data, lockValue, precious != 0, replyTo);
    }

    /** Routine: memory_object_ready; see {@link MemoryObjectRoutines#ready}. */
    @Override
    public int memoryObjectReady(MemoryObjectControl object, int mayCache, int copyStrategy) {
        return MemoryObjectRoutines.ready(object, mayCache != 0, copyStrategy);
    }

    /** Routine: memory_object_change_attributes; see {@link MemoryObjectRoutines#changeAttributes}. */
    @Override
    public int memoryObjectChangeAttributes(MemoryObjectControl object, int mayCache, int copyStrategy,
            int replyTo) {
        return MemoryObjectRoutines.changeAttributes(rq, object, mayCache != 0, copyStrategy, replyTo);
    }
}
