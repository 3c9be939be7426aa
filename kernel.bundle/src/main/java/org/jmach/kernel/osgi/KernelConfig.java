package org.jmach.kernel.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the kernel, PID {@code org.jmach.kernel}. The property
 * name follows the OSGi mapping of the method name: {@code ipc.qlimit.default}.
 */
@ObjectClassDefinition(
        id = "org.jmach.kernel",
        name = "jmach kernel",
        description = "Kernel settings. Changing them reboots the kernel.")
public @interface KernelConfig {

    @AttributeDefinition(name = "Default queue limit", min = "0", max = "1024",
            description = "Messages a new port queues before senders block (Mach's MACH_PORT_QLIMIT_DEFAULT).")
    int ipc_qlimit_default() default 8;
}
