/**
 * C threads: the user-level threads library of CMU Mach 3 ({@code cthreads.h}),
 * with Mach's names in Java case, built only on the public Mach interface
 * {@code org.jmach.mach}.
 *
 * <p>{@link org.jmach.cthreads.CThreads} is the library of one task: it forks
 * cthreads (each a Mach thread made with thread_create, thread_set_state and
 * thread_resume), joins and detaches them. {@link org.jmach.cthreads.Mutex}
 * and {@link org.jmach.cthreads.Condition} synchronize them; a thread that
 * must wait blocks in the kernel, in mach_msg receive on a wakeup port of its
 * own, so the Mach scheduler sees every wait. {@link
 * org.jmach.cthreads.BoundedBufferDemo} is the classic producer/consumer
 * program over them.
 */
@Export
@Version("1.0.0")
package org.jmach.cthreads;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
