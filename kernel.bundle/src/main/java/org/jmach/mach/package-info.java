/**
 * The public Mach interface of jmach: return codes, machine types and the
 * host interface, with Mach's names in Java case and Mach's numbers.
 * User-level code (servers, the console) imports only this API; the kernel's
 * implementation packages stay private to the kernel bundle.
 */
@Export
@Version("1.1.0")
package org.jmach.mach;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
