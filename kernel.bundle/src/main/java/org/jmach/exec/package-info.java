/**
 * Running programs on jmach from user level: the ELF64 loader (a task's
 * memory filled through its port, as an operating-system server's exec
 * does it) and the bare personality, which runs a static RISC-V executable
 * with a handful of Linux system calls and no operating-system server.
 * Built only on the public API ({@code org.jmach.mach}).
 */
@Export
@Version("1.0.0")
package org.jmach.exec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
