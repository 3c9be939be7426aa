package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void terminatingTwiceIsInvalidTask() {
        Startup kernel = TestMachine.boot(TestMachine.of(2), "test");
        Task task = kernel.taskCreate("t");
        assertEquals(KERN_SUCCESS, task.terminate());
        assertFalse(task.isActive());
        assertEquals(KERN_INVALID_TASK, task.terminate());
        kernel.shutdown();
    }
}
