package org.jmach.hw.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * Configuration of the simulated disk, PID {@code org.jmach.hw.disk}.
 * Property names follow the OSGi mapping of the method names: {@code path},
 * {@code size.mb}.
 */
@ObjectClassDefinition(
        id = "org.jmach.hw.disk",
        name = "jmach disk",
        description = "The simulated disk hd0, a file on the host. Its contents survive a restart.")
public @interface DiskConfig {

    @AttributeDefinition(name = "Image file", required = false,
            description = "The host file that holds the disk; empty for jmach-disk.img under the run directory "
                    + "(karaf.data if set, else the bundle's data area, else the working directory).")
    String path() default "";

    @AttributeDefinition(name = "Size in MiB", min = "1", max = "1048576",
            description = "Size of the disk in MiB; a new image file is made sparse, an existing one of this size "
                    + "is kept as it is.")
    int size_mb() default 64;
}
