package org.jmach.vm.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the VM system (PID {@code org.jmach.vm}). */
@ObjectClassDefinition(name = "jmach virtual memory")
public @interface VmConfig {

    @AttributeDefinition(name = "pageout.policy",
            description = "How the pageout daemon chooses victims: fifo-second-chance or lru-aging")
    String pageout_policy() default "fifo-second-chance";
}
