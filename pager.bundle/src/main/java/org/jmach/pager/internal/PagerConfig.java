package org.jmach.pager.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The default pager's configuration (PID {@code org.jmach.pager}). */
@ObjectClassDefinition(name = "jmach default pager",
        description = "The default memory manager: a user-level task paging anonymous memory to hd0.")
public @interface PagerConfig {

    @AttributeDefinition(name = "Serving threads",
            description = "Threads receiving the kernel's requests; each object's requests keep their order.")
    int threads() default 4;
}
