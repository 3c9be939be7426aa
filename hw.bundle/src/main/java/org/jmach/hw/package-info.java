/**
 * The simulated machine jmach runs on: its processors, its physical memory
 * in page frames, its clock and its disk, as the kernel sees them.
 */
@Export
@Version("1.2.0")
package org.jmach.hw;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
