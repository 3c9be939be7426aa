package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_ARGUMENT;
import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_NO_SPACE;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE;
import static org.jmach.mach.NativeThreadState.NATIVE_THREAD_STATE_COUNT;

import org.jmach.hw.Machine;
import org.jmach.kernel.ipc.IpcKobjectRequest;
import org.jmach.kernel.ipc.IpcKobjectServer;
import org.jmach.kernel.ipc.IpcPort;
import org.jmach.kernel.mig.MachServer;
import org.jmach.kernel.mig.MachServerDemux;
import org.jmach.mach.MachIds;
import org.jmach.mach.MigOut;
import org.jmach.mach.NativeThreadState;

/**
 * The kernel's implementation of {@code mach.defs} for one request sent to
 * a task or thread port: the task and thread routines (GNU Mach's
 * {@code kern/task.c}, {@code kern/thread.c}, {@code kern/ipc_tt.c}) and
 * vm_allocate and vm_deallocate ({@code vm/vm_user.c}) on the task's
 * memory, which stands for its address map until the VM issue.
 *
 * <p>Conditions, for every routine: the IPC lock held (the kernel serves
 * requests under it); scheduling state is changed under the scheduler
 * lock, taken inside. A routine given no live task returns
 * KERN_INVALID_TASK (task routines) or KERN_INVALID_ARGUMENT (thread
 * routines), as GNU Mach's conversions to TASK_NULL and THREAD_NULL do.
 */
final class MachRoutines extends KobjectRoutines implements MachServer<Task, Thread, TaskMemory> {

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

    /** Routine: convert_port_to_map. Returns: the memory of the live task whose port it is, or null. */
    @Override
    public TaskMemory convertPortToMap(int port) {
        Task t = convertPortToTask(port);
        return t == null ? null : t.memory();
    }

    /** Routine: vm_map_deallocate. The conversion took no reference. */
    @Override
    public void vmMapDeallocate(TaskMemory map) {
        // No reference was taken.
    }

    // ---- Tasks ----

    /**
     * Routine: task_create. Purpose: a child task in the parent's set with
     * its priorities, named "(parent)". {@code inheritMemory} is accepted
     * and not yet honoured: the child's memory starts empty until the VM
     * issue brings address maps.
     *
     * <p>Returns: KERN_SUCCESS; KERN_INVALID_TASK for no live parent.
     */
    @Override
    public int taskCreate(Task parent, int inheritMemory, MigOut<Task> child) {
        if (parent == null) {
            return KERN_INVALID_TASK;
        }
        child.value = kernel.taskCreate("(" + parent.name() + ")", parent);
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
     * Routine: thread_get_state. Returns: KERN_SUCCESS with the words of
     * NATIVE_THREAD_STATE; KERN_INVALID_ARGUMENT for another flavor, a count
     * too small, or no live thread.
     */
    @Override
    public int threadGetState(Thread thread, int flavor, int[] state, int[] count) {
        if (thread == null || flavor != NATIVE_THREAD_STATE
                || Info.check(NATIVE_THREAD_STATE_COUNT, state, count) != KERN_SUCCESS) {
            return KERN_INVALID_ARGUMENT;
        }
        thread.nativeState().encode(state);
        count[0] = NATIVE_THREAD_STATE_COUNT;
        return KERN_SUCCESS;
    }

    /**
     * Routine: thread_set_state. Purpose: set the registers; a thread not
     * yet started starts at the new program counter.
     * Returns: KERN_SUCCESS; KERN_INVALID_ARGUMENT for another flavor, too
     * few words, or no live thread.
     */
    @Override
    public int threadSetState(Thread thread, int flavor, int[] state) {
        if (thread == null || flavor != NATIVE_THREAD_STATE || state == null
                || state.length < NATIVE_THREAD_STATE_COUNT) {
            return KERN_INVALID_ARGUMENT;
        }
        thread.setNativeState(NativeThreadState.decode(state));
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
            thread.start(traps -> NativeStart.run(thread, traps));
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
    public int vmAllocate(TaskMemory map, long[] address, long size, int anywhere) {
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
    public int vmDeallocate(TaskMemory map, long address, long size) {
        if (map == null) {
            return KERN_INVALID_TASK;
        }
        return map.deallocate(address, size) ? KERN_SUCCESS : KERN_INVALID_ARGUMENT;
    }
}
