package org.jmach.mig.ir;

/**
 * A translation clause of a type: {@code intran: ServerType fn(UserType)},
 * {@code intranpayload: ServerType fn(PayloadType)} or
 * {@code outtran: UserType fn(ServerType)}.
 *
 * @param resultType the C type the function returns
 * @param function the function's name
 * @param argumentType the C type it takes
 */
public record Translation(String resultType, String function, String argumentType) {
}
