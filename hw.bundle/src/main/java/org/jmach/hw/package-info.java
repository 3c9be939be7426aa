/**
 * The simulated machine jmach runs on: its processors, its physical memory
 * in page frames and its clock, as the kernel sees them.
 */
@Export
@Version("1.0.0")
package org.jmach.hw;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
