/**
 * Mach's virtual memory constants for user-level code and the kernel alike:
 * protections, inheritance, the memory object copy strategies and return
 * policies, and the vm_statistics record, with Mach's names in Java case
 * and Mach's numbers.
 */
@Export
@Version("1.0.0")
package org.jmach.vm;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
