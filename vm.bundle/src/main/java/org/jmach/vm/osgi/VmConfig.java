package org.jmach.vm.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the VM system (PID {@code org.jmach.vm}). */
@ObjectClassDefinition(name = "jmach virtual memory")
public @interface VmConfig {

    @AttributeDefinition(name = "pageout.policy",
            description = "The pageout policy: the name of a PageoutPolicyProvider service "
                    + "(built in: fifo-second-chance, lru-aging)")
    String pageout_policy() default "fifo-second-chance";
}
