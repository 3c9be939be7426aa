package org.jmach.hw.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the simulated machine, PID {@code org.jmach.hw}. Property
 * names follow the OSGi mapping of the method names: {@code processors},
 * {@code memory.size}, {@code clock.hz}.
 */
@ObjectClassDefinition(
        id = "org.jmach.hw",
        name = "jmach machine",
        description = "The simulated machine jmach boots on. Changing it reboots the kernel.")
public @interface MachineConfig {

    @AttributeDefinition(name = "Processors", min = "1", max = "64",
            description = "Number of simulated processors.")
    int processors() default 2;

    @AttributeDefinition(name = "Physical memory", min = "4096",
            description = "Physical memory in bytes; a multiple of the 4096-byte page.")
    long memory_size() default 64L * 1024 * 1024;

    @AttributeDefinition(name = "Clock rate", min = "1", max = "10000",
            description = "Clock interrupts per second (Mach's hz).")
    int clock_hz() default 100;
}
