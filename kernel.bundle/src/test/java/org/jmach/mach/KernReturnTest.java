package org.jmach.mach;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class KernReturnTest {

    @Test
    void namesFollowMachNumbers() {
        assertEquals("KERN_SUCCESS", KernReturn.name(KernReturn.KERN_SUCCESS));
        assertEquals("KERN_INVALID_HOST", KernReturn.name(22));
        assertEquals("KERN_TERMINATED", KernReturn.name(26));
        assertEquals("(kern_return_t) 11", KernReturn.name(11));
        assertEquals("(kern_return_t) 25", KernReturn.name(25));
        assertEquals("(kern_return_t) -3", KernReturn.name(-3));
    }
}
