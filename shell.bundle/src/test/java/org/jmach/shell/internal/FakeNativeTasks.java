package org.jmach.shell.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jmach.mach.KernReturn;
import org.jmach.mach.MachNativeTasks;
import org.jmach.mach.Port;

/**
 * Tasks that are only ids (1, 2, ... in the order they are made), recording
 * the names of the tasks made and the ids of those terminated; what becomes
 * of a thread is the subclass's. No task gets host_priv or the master
 * device port.
 */
abstract class FakeNativeTasks implements MachNativeTasks {

    final List<String> created = Collections.synchronizedList(new ArrayList<>());
    final List<Integer> terminated = Collections.synchronizedList(new ArrayList<>());

    @Override
    public int taskCreate(String name) {
        created.add(name);
        return created.size();
    }

    @Override
    public int taskTerminate(int taskId) {
        terminated.add(taskId);
        return KernReturn.KERN_SUCCESS;
    }

    @Override
    public int hostPriv(int taskId) {
        return Port.MACH_PORT_NULL;
    }

    @Override
    public int deviceMaster(int taskId) {
        return Port.MACH_PORT_NULL;
    }

    /** The id of the last task made with that name, or 0. */
    @Override
    public int taskLookup(String name) {
        return created.lastIndexOf(name) + 1;
    }
}
