package org.jmach.kernel.kern;

import static org.jmach.mach.KernReturn.KERN_INVALID_TASK;
import static org.jmach.mach.KernReturn.KERN_SUCCESS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

class TaskTest {

    @Test
    void terminatingTwiceIsInvalidTask() {
        Task task = new Task("t");
        assertEquals(KERN_SUCCESS, task.terminate());
        assertFalse(task.isActive());
        assertEquals(KERN_INVALID_TASK, task.terminate());
        assertEquals("task t (terminated)", task.toString());
    }
}
