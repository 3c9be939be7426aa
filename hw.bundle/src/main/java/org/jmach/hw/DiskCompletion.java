package org.jmach.hw;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The completion of one {@link Disk} request: the interrupt the disk
 * controller raises when it is done with it. It is called once per request,
 * on the controller's own Java thread, with the request's status
 * ({@link Disk#D_SUCCESS} or one of the disk's error statuses), after the
 * buffer of a read holds the data. It must not block for long: the next
 * request waits for it.
 */
@ConsumerType
@FunctionalInterface
public interface DiskCompletion {

    /** The request is done; {@code status} is D_SUCCESS or an error status of {@link Disk}. */
    void done(int status);
}
