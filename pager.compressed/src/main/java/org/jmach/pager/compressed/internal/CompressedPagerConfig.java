package org.jmach.pager.compressed.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The compressing pager's configuration (PID {@code org.jmach.pager.compressed}). */
@ObjectClassDefinition(name = "jmach compressing default pager",
        description = "The default memory manager, storing the pages it writes deflated.")
public @interface CompressedPagerConfig {

    @AttributeDefinition(name = "Serving threads",
            description = "Threads receiving the kernel's requests; each object's requests keep their order.")
    int threads() default 4;
}
