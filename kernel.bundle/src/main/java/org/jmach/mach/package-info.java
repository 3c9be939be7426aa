/**
 * The public Mach interface of jmach: return codes, machine types, messages,
 * the traps, and the MIG-generated user side of the kernel's interfaces
 * ({@code MachPortUser}, {@code MachHostUser}, ...) with its runtime
 * ({@code MigUser}, {@code MigReader}, {@code MigWriter}, {@code MigServer}),
 * with Mach's names in Java case and Mach's numbers.
 * User-level code (servers, the console) imports only this API; the kernel's
 * implementation packages stay private to the kernel bundle.
 */
@Export
@Version("2.4.0")
package org.jmach.mach;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
