/**
 * The virtual memory system as the kernel uses it (GNU Mach's
 * {@code vm/vm_map.h}, {@code vm/vm_object.h}, {@code vm/memory_object.h}
 * seen from {@code kern/} and {@code ipc/}): address maps, copies for
 * out-of-line data, VM objects behind control ports, and what VM needs of
 * the kernel (a channel to memory managers, blocking a thread).
 * Only the kernel imports this package; user-level code uses the Mach
 * interfaces ({@code org.jmach.mach}, {@code org.jmach.vm}).
 */
@Export
@Version("1.3.0")
package org.jmach.vm.spi;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
